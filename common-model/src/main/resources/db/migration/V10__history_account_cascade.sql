-- History's two tables are the largest by far (a first sync writes about four rows to them per record). Their foreign
-- keys to account checked every inserted row with a query of its own, the biggest single cost of a first sync after
-- index maintenance (about a seventh of PostgreSQL's time in the worker benchmark, docs/benchmarks.md). What the keys
-- gave is kept otherwise:
--   * an account's history still goes with the account, deleted by the trigger below in the same transaction;
--   * no history row outlives its account: the worker locks the account row (FOR KEY SHARE, as a key check does) once
--     per page before writing it, so a page either waits for nothing and commits before a deletion that then removes
--     it, or finds the account gone and fails.
alter table history_visit drop constraint history_visit_account_fk;
alter table history_place drop constraint history_place_account_id_fkey;

create function fxhome_delete_account_history() returns trigger
    language plpgsql as $$
begin
    delete from ${flyway:defaultSchema}.history_visit where account_id = old.id;
    delete from ${flyway:defaultSchema}.history_place where account_id = old.id;
    return old;
end $$;

create trigger account_history_cascade after delete on account
    for each row execute function fxhome_delete_account_history();
