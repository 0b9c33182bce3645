-- The web app's server-side sessions.
--
-- A session cookie carries "<account id>.<random secret>"; only SHA-256 of the secret is stored, so a copy of this
-- table signs nobody in. The key starts with account_id like every per-user table (the schema stays shardable by
-- account), and signing out everywhere or unlinking the account is one range delete (the FK cascades on unlink).
create table web_session (
    account_id   uuid        not null references account (id) on delete cascade,
    secret_hash  bytea       not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz not null default now(),
    -- The earlier of the absolute lifetime and the idle timeout; moved forward (at most every few minutes) on use.
    expires_at   timestamptz not null,
    user_agent   text,
    primary key (account_id, secret_hash)
);
