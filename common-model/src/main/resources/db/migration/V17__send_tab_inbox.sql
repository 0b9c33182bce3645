-- Send Tab (issue 19): fxhome registers itself as one of each linked account's FxA devices, receives the tabs other
-- Firefoxes send it (device commands, open-uri) into an inbox, and sends tabs to them.

-- The account's fxhome device: its id at Mozilla, the next command index to fetch, and its Send Tab keys (a P-256
-- private scalar, its public point and a 16-byte auth secret), sealed under the account's data key like the other
-- account secrets (so a master key rotation rewraps them with the rest). published_key_hash is SHA-256 of the oldsync
-- key id the keys were published under: a different key id means they must be published again.
create table send_tab_device (
    account_id         uuid        primary key references account (id) on delete cascade,
    device_id          text        not null,
    device_name        text        not null,
    command_index      bigint      not null default 0,
    sealed_keys        bytea       not null,
    published_key_hash bytea       not null,
    registered_at      timestamptz not null default now()
);

-- What other Firefoxes sent: one row per open-uri command (its current page). The command's index at the device is
-- unique per device, so a command fetched twice (a worker killed between fetch and commit) is stored once; the
-- device's command_index moves in the same transaction.
create table inbox (
    account_id    uuid        not null references account (id) on delete cascade,
    id            bigint      generated always as identity,
    device_id     text        not null,
    command_index bigint      not null,
    url           text        not null,
    title         text        not null,
    sender_id     text,
    sender_name   text,
    sent_at       timestamptz not null default now(),
    read_at       timestamptz,
    primary key (account_id, id),
    unique (account_id, device_id, command_index)
);
create index inbox_recent on inbox (account_id, sent_at desc);

-- Tabs fxhome sent, for the per-account rate limit of sending.
create table send_tab_sent (
    account_id uuid        not null references account (id) on delete cascade,
    sent_at    timestamptz not null default now()
);
create index send_tab_sent_recent on send_tab_sent (account_id, sent_at);
