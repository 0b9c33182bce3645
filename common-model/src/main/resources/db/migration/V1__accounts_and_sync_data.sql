-- fxhome schema, version 1: accounts, their encrypted secrets, sync state, and the mirrored Sync data.
--
-- Sharding rule: every table of per-user data has account_id as the first column of its primary key and of every
-- index, so that the schema can be split by account (one database per shard, or Citus distributed on account_id).
-- Cross-account foreign keys are never used; per-user tables reference account(id) only.

create table account (
    id                uuid        primary key,
    fxa_uid           text        not null,
    email             text        not null,
    -- active: synced on schedule; needs_reauth: credentials or keys no longer work, the user must sign in again;
    -- paused: not used for a long time, resumes when the user comes back; deleted: unlinked, rows being removed.
    status            text        not null default 'active'
                                  check (status in ('active', 'needs_reauth', 'paused', 'deleted')),
    status_reason     text,
    created_at        timestamptz not null default now(),
    last_seen_at      timestamptz,
    last_sync_at      timestamptz,
    next_sync_at      timestamptz,
    backoff_until     timestamptz,
    failure_count     integer     not null default 0,
    constraint account_fxa_uid_unique unique (fxa_uid)
);

-- The scheduler's question "which active accounts are due?" must not scan the whole table.
create index account_due_idx on account (next_sync_at) where status = 'active';

-- What fxhome needs to sync on the user's behalf, encrypted (AES-256-GCM) under a per-account data key that is itself
-- wrapped by the operator's master key. Nothing here is readable without the master key, which never enters the DB.
create table account_secret (
    account_id         uuid        primary key references account (id) on delete cascade,
    master_key_version integer     not null,
    wrapped_data_key   bytea       not null,
    refresh_token      bytea       not null,
    -- kSync: the 64-byte root key bundle that decrypts crypto/keys.
    sync_key_bundle    bytea       not null,
    -- X-KeyID: the key rotation timestamp (ms) and the client state, as the tokenserver wants them.
    key_id             bytea       not null,
    updated_at         timestamptz not null default now()
);

-- Account-wide Sync state: where the data lives and which generation of it we mirrored.
create table sync_state (
    account_id          uuid        primary key references account (id) on delete cascade,
    api_endpoint        text,
    storage_uid         text,
    global_sync_id      text,
    storage_version     integer,
    -- X-Last-Modified of info/collections, as the exact string the server sent (Sync seconds, two decimals).
    store_last_modified text,
    crypto_modified     text,
    keys_fingerprint    text,
    updated_at          timestamptz not null default now()
);

-- Per-collection high-water marks: the collection's X-Last-Modified after a complete download, kept as sent.
create table collection_state (
    account_id       uuid        not null references account (id) on delete cascade,
    collection       text        not null,
    high_water_mark  text,
    sync_id          text,
    engine_version   integer,
    keys_fingerprint text,
    updated_at       timestamptz not null default now(),
    primary key (account_id, collection)
);

-- Bookmarks mirror the server exactly. guid is the Sync record id (menu, toolbar, unfiled, mobile for the roots).
create table bookmark (
    account_id    uuid        not null references account (id) on delete cascade,
    guid          text        not null,
    parent_guid   text,
    position      integer,
    kind          text        not null
                              check (kind in ('bookmark', 'folder', 'separator', 'query', 'livemark')),
    title         text,
    url           text,
    tags          text[]      not null default '{}',
    keyword       text,
    description   text,
    date_added    timestamptz,
    server_modified numeric(15, 2),
    primary key (account_id, guid)
);

create index bookmark_children_idx on bookmark (account_id, parent_guid, position);

-- History is an archive: places and visits are merged in, and leave only on a tombstone or when the user unlinks.
create table history_place (
    account_id      uuid        not null references account (id) on delete cascade,
    guid            text        not null,
    url             text        not null,
    title           text,
    visit_count     integer     not null default 0,
    last_visit_at   timestamptz,
    server_modified numeric(15, 2),
    primary key (account_id, guid)
);

create index history_place_recent_idx on history_place (account_id, last_visit_at desc);

create table history_visit (
    account_id  uuid     not null,
    place_guid  text     not null,
    -- Microseconds since the epoch, as Sync carries them; (date, transition) identifies a visit, as in Firefox.
    visited_at  bigint   not null,
    transition  smallint not null,
    primary key (account_id, place_guid, visited_at, transition),
    foreign key (account_id, place_guid) references history_place (account_id, guid) on delete cascade
);

-- Devices come from the clients collection; the record id is what the tabs collection refers to.
create table device (
    account_id      uuid        not null references account (id) on delete cascade,
    client_id       text        not null,
    fxa_device_id   text,
    name            text,
    device_type     text,
    os              text,
    application     text,
    app_version     text,
    form_factor     text,
    server_modified numeric(15, 2),
    primary key (account_id, client_id)
);

-- Open tabs, replaced per device on every sync. client_id is not a foreign key: a tabs record can arrive before
-- (or outlive) its clients record, and Firefox itself shows such tabs only once the device is known.
create table tab (
    account_id  uuid        not null references account (id) on delete cascade,
    client_id   text        not null,
    position    integer     not null,
    title       text,
    url         text        not null,
    url_history text[]      not null default '{}',
    icon        text,
    last_used   timestamptz,
    pinned      boolean     not null default false,
    inactive    boolean     not null default false,
    primary key (account_id, client_id, position)
);

-- When each device last uploaded its tabs (the BSO's modified), to show "n minutes ago" even for a device with none.
create table device_tabs (
    account_id      uuid        not null references account (id) on delete cascade,
    client_id       text        not null,
    client_name     text,
    server_modified numeric(15, 2),
    primary key (account_id, client_id)
);
