-- Bumped in the same transaction as every tag creation, move and deletion, so a reader can tell with one point
-- query whether a tag list it rendered earlier is still current. (A constant default: no table rewrite.)
ALTER TABLE repositories ADD COLUMN tags_version bigint NOT NULL DEFAULT 0;
