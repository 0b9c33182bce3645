-- Sign-in state shared by every web-app instance (issue 14): a sign-in may start on one instance and finish on
-- another, with no sticky routing. Both tables live in the main database, beside account_directory: they exist
-- before there is an account, so they are not per-user data and are not sharded.

-- A sign-in waiting for its next step: the emailed or authenticator code, an unblock code, or the browser coming back
-- from Mozilla's page. The browser holds a random handle; only its SHA-256 is stored, so a copy of this table names no
-- handle. The step's secrets (session token, keyFetchToken, unwrapBKey, or the PKCE verifier and the ephemeral private
-- key) are sealed under the master key, bound to the handle's hash and the kind.
create table pending_sign_in (
    handle_hash        bytea       primary key,
    kind               text        not null check (kind in ('password', 'unblock', 'browser')),
    master_key_version integer     not null,
    sealed             bytea       not null,
    wrong_codes        integer     not null default 0,
    -- Set while one instance runs the step (its calls to Mozilla happen outside any transaction): a second request for
    -- the same sign-in waits its turn instead of replaying the single-use keyFetchToken.
    busy_until         timestamptz,
    created_at         timestamptz not null default now(),
    expires_at         timestamptz not null
);
create index pending_sign_in_expiry on pending_sign_in (expires_at);

-- Sign-in attempts, for the sliding-window limits per client address and per email address. The key is 'a:' and the
-- address, or 'm:' and the hex SHA-256 of the lower-cased email (no email is kept in clear).
create table sign_in_attempt (
    limit_key    text        not null,
    attempted_at timestamptz not null default now()
);
create index sign_in_attempt_key on sign_in_attempt (limit_key, attempted_at);
create index sign_in_attempt_age on sign_in_attempt (attempted_at);

-- The OAuth client the stored refresh token was issued to: it must be named when the token is refreshed or revoked.
-- Null means fxhome.fxa.client-id (password sign-in, and every account linked before this column); sign-in on
-- Mozilla's page stores fxhome.fxa.browser-client-id. Not secret: client ids are public.
alter table account_secret add column oauth_client_id text;
