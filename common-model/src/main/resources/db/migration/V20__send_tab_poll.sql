-- Send Tab polling at fleet scale (issue 19). A scheduled sync fetches the account's commands at most every
-- fxhome.send-tab.poll-interval: commands_fetched_at is when the worker last did (null: never, or since the device was
-- registered again). While the user has the app open, the web app asks for a short "receive commands only" job at most
-- every fxhome.web.inbox.refresh-interval: refresh_requested_at is when it last did, the per-account rate limit.
alter table send_tab_device add column commands_fetched_at timestamptz;
alter table send_tab_device add column refresh_requested_at timestamptz;

-- The inbox is a source of the address-bar search (docs/search.md): its text folded as the other sources' (V7's
-- fxhome_match_text), matched on the account's newest received tabs read through inbox_recent (account_id, sent_at).
alter table inbox add column match_text text generated always as (fxhome_match_text(title, url)) stored;
