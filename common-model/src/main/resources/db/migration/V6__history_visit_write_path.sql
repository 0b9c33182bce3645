-- The worker merges visits and place counts in one statement per page (see HistoryWriter). A foreign key from each
-- visit to its place costs an index probe per visit row on the hottest write path, and the writer already removes a
-- place's visits with the place; the visit rows still go with their account.
alter table history_visit drop constraint history_visit_account_id_place_guid_fkey;
alter table history_visit add constraint history_visit_account_fk
    foreign key (account_id) references account (id) on delete cascade;
