-- The tab timeline: a snapshot of a device's tabs each time its tabs record changes (the worker compares each
-- downloaded record's fingerprint with the device's latest snapshot; an unchanged record adds nothing). taken_at is
-- the server time of the first upload with this content; the snapshot holds until the device's next one. tabs is a
-- JSON array of {title, url, lastUsed, pinned, inactive}, most recently used first (no icons: they can be large data:
-- URLs). The scheduler removes snapshots older than fxhome.tab-timeline.keep-for, except each device's latest.
create table tab_snapshot (
    account_id  uuid        not null references account (id) on delete cascade,
    client_id   text        not null,
    taken_at    timestamptz not null,
    client_name text,
    fingerprint bytea       not null,
    tab_count   integer     not null,
    tabs        jsonb       not null,
    primary key (account_id, client_id, taken_at)
);

-- The retention sweep: one account's snapshots older than the cutoff, whatever their device.
create index tab_snapshot_taken_idx on tab_snapshot (account_id, taken_at);
