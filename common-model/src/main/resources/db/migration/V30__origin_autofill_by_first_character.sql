-- Origin autofill of a one-character prefix, in frecency order. The host indexes (V7, V14) give the pages and bookmarks
-- of hosts starting with a prefix in host order, so the search read and sorted every one of them to keep the 20 most
-- frecent: for one letter, hundreds (at 10.1 million places, "p": 481 typed pages, 165 of them typed in the last 90
-- days, and 341 bookmarks; 483 + 344 buffers), on a keystroke every search of the address bar begins with. These
-- indexes hold the host's first character and the frecency, so the search reads the first 20 in order and stops (46 +
-- 52 buffers; docs/benchmarks.md, "Search as a person types"). Longer prefixes match a few dozen rows and keep the
-- host indexes. The host is the same bounded fxhome_url_host; its first character is all a B-tree entry holds of it.
create index history_place_typed_host1_idx on history_place (account_id, left(fxhome_url_host(url), 1), frecency desc)
    where last_typed_at is not null;
create index bookmark_host1_idx on bookmark (account_id, left(fxhome_url_host(url), 1), frecency desc)
    where kind = 'bookmark' and url is not null;
