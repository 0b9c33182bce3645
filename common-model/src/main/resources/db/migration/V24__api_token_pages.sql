-- GET /api/v1/tokens pages by cursor, newest first: keyset on (created_at, id) within the account, read from this
-- index without a sort (ApiTokenPlanTest). The primary key (account_id, id) cannot give that order.
create index api_token_created_idx on api_token (account_id, created_at desc, id desc);
