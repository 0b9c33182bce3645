-- Only bounded forms of synced text in B-tree indexes. A B-tree entry holds at most about 2.7 KB (a third of a page),
-- and incompressible text longer than that fails the whole statement that writes it: one bookmark with a 3 KB keyword
-- or parent id, or a page whose URL has a 3 KB host, failed its page's merge at every sync of the account, which then
-- retried, dead-lettered, and never synced again. Every text is still stored in full; only what the indexes hold is
-- bounded, and each lookup through them checks the full value too.

-- Parents: Sync record ids are at most 64 printable ASCII characters (the storage servers refuse others), so a parent
-- id that names a folder is whole in its first 64 characters. Lookups: left(parent_guid, 64) = left(guid, 64) and
-- parent_guid = guid.
drop index bookmark_children_idx;
create index bookmark_children_idx on bookmark (account_id, left(parent_guid, 64));

-- Keywords: the first 255 characters, lower case. Lookup: left(lower(keyword), 255) = left(k, 255) and
-- lower(keyword) = k.
drop index bookmark_keyword_idx;
create index bookmark_keyword_idx on bookmark (account_id, left(lower(keyword), 255)) where keyword is not null;

-- Hosts: a DNS name has at most 253 characters; a longer "host" names no site, and is no host to autofill. The two
-- host indexes (origin autofill) are rebuilt with the function's new values; their queries are unchanged.
create or replace function fxhome_url_host(u text) returns text
    language sql immutable parallel safe
    return nullif(regexp_replace(lower(substring(u from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]{1,253})(?:[/?#:]|$)')),
                                 '^www\.', ''), '');
reindex index history_place_typed_host_idx;
reindex index bookmark_host_idx;
