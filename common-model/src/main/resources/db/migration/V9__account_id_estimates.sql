-- The planner's estimate for "account_id = <one account>" decides which account_id-led index a per-account statement
-- uses. Left to ANALYZE, it is worst exactly when it matters: an installation with one or a few accounts, or an
-- account whose first sync has just begun, has statistics whose most-common values cover (nearly) every row, so any
-- other account is estimated at about one row; every index that starts with account_id then looks equally cheap, and
-- the smallest wins. The sync worker's look-up of a place by its GUID was planned as a walk over all of the account's
-- places through the URL index, once per record: a 100,000-record first sync after a 20,000-record one took 1 to 7 s
-- per page of 1,000 instead of 0.2 s.
-- Without statistics on account_id the planner assumes 200 accounts of equal size (0.5 % of the table each), which is
-- the right order for a busy installation and keeps the index whose other columns match ahead of the rest for any
-- account. The search's generic plans (docs/search.md) were already planned for an account of average size.
alter table history_place alter column account_id set statistics 0;
alter table history_visit alter column account_id set statistics 0;
alter table bookmark alter column account_id set statistics 0;
alter table tab alter column account_id set statistics 0;
alter table search_input_history alter column account_id set statistics 0;
-- (ANALYZE leaves statistics gathered before this migration in place; on a database that had them, a superuser may
-- remove them: delete from pg_statistic where starelid in ('history_place'::regclass, ...) and staattnum = 1.)
