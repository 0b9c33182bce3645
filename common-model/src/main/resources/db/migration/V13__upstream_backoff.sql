-- Backoff that an upstream server asked for (docs/scheduler.md, "Server backoff"): a storage node's X-Weave-Backoff or
-- 503/429 with Retry-After, the tokenserver's X-Backoff or 503 with Retry-After. It holds for every account behind
-- that server, so it is kept per server, not per account: the scheduler enqueues nobody on a backed-off node and the
-- worker defers their jobs without calling upstream.
--
-- Not per-user data: like the account directory (V8) it lives in the default database (shard main), where every
-- worker and scheduler instance reads it. Every shard runs the same migrations, so the other shards keep an empty
-- copy that nothing reads. One row per server: a handful of rows, rewritten in place.
create table upstream_backoff (
    -- 'storage_node': server is the node's base URL (the token's api_endpoint without its /1.5/<uid>).
    -- 'tokenserver': server is the tokenserver URL.
    kind          text        not null check (kind in ('storage_node', 'tokenserver')),
    server        text        not null,
    -- Nobody behind the server is called before then. Only ever moved later while in force.
    backoff_until timestamptz not null,
    -- true: 503/429 (the server refused); false: a backoff header on an answer that succeeded.
    hard          boolean     not null,
    -- Route and status that asked for it, for operators (never a secret: no token, no uid).
    reason        text,
    updated_at    timestamptz not null default now(),
    primary key (kind, server)
);
