-- The search's trigram indexes keep a short pending list (issue 17: search as a person types, right after the first
-- sync). With GIN's default fast update, new entries wait in a pending list of up to 4 MB (gin_pending_list_limit)
-- until VACUUM, ANALYZE or that limit merges them into the index, and every search reads the whole list: after a
-- 100,000-page first sync it held about 2,800 pages' entries on 385 index pages, read by every trigram look until
-- autovacuum came (docs/benchmarks.md, "Search as a person types"). 128 kB keeps writes batched (the sync worker's
-- inserts merge every few dozen pages) and a search's read of the list to about 16 pages.
alter index history_place_match_idx set (gin_pending_list_limit = 128);
alter index bookmark_match_idx set (gin_pending_list_limit = 128);
