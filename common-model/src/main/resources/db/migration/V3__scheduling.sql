-- What the scheduler needs beyond account's own columns (see docs/scheduler.md).

-- schedule_paused: an operator stopped this account's scheduled syncs (interactive syncs still run); distinct from
--   status 'paused', which the scheduler sets itself after long disuse and which the user's return lifts.
-- interactive_requested_at: the last interactive ("sync now", sign-in) job, to rate-limit them per account.
-- data_changed_at: the last time a sync downloaded changed records (set by the worker); accounts whose server data
--   changed recently are synced more often.
alter table account
    add column schedule_paused          boolean     not null default false,
    add column interactive_requested_at timestamptz,
    add column data_changed_at          timestamptz;

-- The scheduler's due query skips operator-paused accounts inside the index, so they never slow a batch down.
drop index account_due_idx;
create index account_due_idx on account (next_sync_at) where status = 'active' and not schedule_paused;

-- Active accounts that were never scheduled (just linked): found without a scan, then spread over one interval.
create index account_unscheduled_idx on account (id) where status = 'active' and next_sync_at is null;

-- Fleet-wide scheduler state: one row. The global pause, and what the last tick did (whichever instance ran it).
create table scheduler_control (
    id                      smallint    primary key default 1 check (id = 1),
    paused                  boolean     not null default false,
    paused_at               timestamptz,
    last_tick_instance      text,
    last_tick_started_at    timestamptz,
    last_tick_finished_at   timestamptz,
    last_tick_published     integer,
    last_tick_deferred      integer,
    last_tick_paused        integer,
    last_tick_error         text
);
insert into scheduler_control (id) values (1);
