-- Bumped in the same transaction as every tag creation, move and deletion, so a reader can tell with one point
-- query whether a tag list it rendered earlier is still current.
ALTER TABLE repositories ADD COLUMN tags_version INTEGER NOT NULL DEFAULT 0;
