-- Personal API tokens (read-only access to GET /api/v1 with "Authorization: Bearer") and the account's feed secret
-- (the Atom feeds' secret URLs).
--
-- Both carry the account id next to their random secret ("fxhome_<account id>.<secret>" and "<account id>.<secret>"),
-- as the session cookie does: a lookup goes to the account's shard and is keyed by account_id first, so every key
-- here, the unique one on the hash included, leads with account_id like all per-user data. Only SHA-256 of a secret is
-- stored: a copy of these tables opens nothing. Unlinking the account deletes both by cascade.
create table api_token (
    account_id   uuid        not null references account (id) on delete cascade,
    id           uuid        not null,
    name         text        not null check (length(name) between 1 and 100),
    secret_hash  bytea       not null,
    created_at   timestamptz not null default now(),
    -- Written at most every fxhome.web.tokens.last-used-interval, not on every request.
    last_used_at timestamptz,
    primary key (account_id, id),
    unique (account_id, secret_hash)
);

-- One feed secret per account: replacing it (or revoking it) ends every feed URL handed out before.
create table feed_secret (
    account_id  uuid        not null primary key references account (id) on delete cascade,
    secret_hash bytea       not null,
    created_at  timestamptz not null default now()
);

-- The feed of new bookmarks reads an account's newest bookmarks by date added.
create index bookmark_added_idx on bookmark (account_id, date_added desc) where kind = 'bookmark';
