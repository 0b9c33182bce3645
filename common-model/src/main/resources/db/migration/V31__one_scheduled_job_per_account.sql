-- Issue 16 item 14: an account has at most one scheduled job waiting. The scheduler stores here the interval it chose
-- (jitter included) when it publishes a scheduled job, and stamps next_sync_at no earlier than its lost-job timeout;
-- the worker's run write then makes the account due one sync_every after the run finished. Null (never published by
-- a scheduler of this version): the worker leaves next_sync_at alone, as before.
alter table account add column sync_every interval;
