-- A user's "sync now" (or a first link) that arrives while the account's sync is running cannot take the lease. Its
-- worker sets this flag instead of dropping the request, and the sync holding the lease reads it after releasing and
-- syncs once more (io.fxhome.worker.lease.AccountLease): every accepted request is followed by a sync that started
-- after it. Whoever takes the lease because of the flag clears it.
alter table account add column sync_again boolean not null default false;
