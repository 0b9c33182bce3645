-- What the sync worker needs beyond the mirrored rows: folder child order, run history and live progress.

-- A folder's children in the order Firefox uploaded them (the authoritative order in bookmarks engine v2);
-- positions are derived from it after each download.
alter table bookmark add column children text[];

-- One row per sync run: counts, duration and outcome, so users and operators can see what the last syncs did.
create table sync_run (
    account_id        uuid        not null references account (id) on delete cascade,
    started_at        timestamptz not null,
    finished_at       timestamptz,
    reason            text        not null,
    attempt           integer     not null default 0,
    outcome           text,
    error             text,
    records_applied   integer     not null default 0,
    records_skipped   integer     not null default 0,
    records_deleted   integer     not null default 0,
    duration_ms       bigint,
    primary key (account_id, started_at)
);

-- Records a run had to skip (bad HMAC, not JSON, ...), with the reason: counted, never fatal.
create table sync_skipped_record (
    account_id  uuid        not null references account (id) on delete cascade,
    started_at  timestamptz not null,
    collection  text        not null,
    record_id   text        not null,
    reason      text        not null,
    primary key (account_id, started_at, collection, record_id)
);

-- Live progress of the running sync, for the web app's first-sync screen.
create table sync_progress (
    account_id        uuid        primary key references account (id) on delete cascade,
    run_started_at    timestamptz not null,
    collection        text,
    records_done      integer     not null default 0,
    records_expected  integer,
    updated_at        timestamptz not null default now()
);
