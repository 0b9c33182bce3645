-- Sharding (docs/sharding.md): the account directory says which database ("shard") holds each account's rows.
--
-- It lives in the default database (the directory, which is also shard "main"). Every shard runs the same migrations,
-- so the table exists in the other shards too, where it stays empty: it is the index of the fleet, not per-user data.
-- Under Citus it would be a reference table. Per-user tables are unchanged: account_id still leads every key.
create table account_directory (
    account_id uuid        primary key,
    -- A returning user is found by the FxA uid before any shard is asked (the single-sign-on stand-in included).
    fxa_uid    text        not null,
    shard      text        not null,
    created_at timestamptz not null default now(),
    constraint account_directory_fxa_uid_unique unique (fxa_uid)
);

-- Placement counts accounts per shard: an index-only scan, never the table.
create index account_directory_shard_idx on account_directory (shard);

-- Accounts linked before this version live in the default database: shard "main". (In a database added as another
-- shard the account table is empty when this runs, so nothing is copied there.)
insert into account_directory (account_id, fxa_uid, shard, created_at)
select id, fxa_uid, 'main', created_at from account;
