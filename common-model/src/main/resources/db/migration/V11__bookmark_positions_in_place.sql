-- After every full bookmark download the worker rewrites each bookmark's position from its folder's children
-- (BookmarkWriter.reposition): all 10,000 rows of a large first sync. With position in an index, each rewrite was a new
-- entry in every index of the table, the trigram index included (a third of a second per 10,000 bookmarks, while the
-- user waits). Out of every index, and with room on each page for a new version of every row on it (one transaction
-- rewrites them all, so none of the old versions can be pruned meanwhile), the rewrite is a heap-only (HOT) update
-- that touches no index: 33 ms instead of about 350 for 10,000 bookmarks. The price is a bookmark table twice the size
-- (bookmarks are a tenth of history's rows). A folder's children are few; the web app sorts them by position after the
-- index has found them.
drop index bookmark_children_idx;
create index bookmark_children_idx on bookmark (account_id, parent_guid);
alter table bookmark set (fillfactor = 50);
