-- The catalog for schedulers (ICatalogStore): a registry-wide sequence of tag changes, pull counts, and details
-- worked out once per manifest digest.
--
-- Tag changes are recorded by triggers on `tags`, so every creation, move and deletion lands in the sequence in the
-- same transaction as the change itself, whichever code path made it. (A migration that rebuilds `tags` must create
-- these three triggers again.) SQLite runs one writer at a time, so sequence numbers follow commit order.

-- One row: `version` grows with every tag change and every flush of pull counts; `change_seq` is the sequence
-- number of the newest tag change (a version taken by a tag change).
CREATE TABLE catalog_state (
    id          INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    version     INTEGER NOT NULL,
    change_seq  INTEGER NOT NULL
);
INSERT INTO catalog_state (id, version, change_seq) VALUES (1, 0, 0);

-- The same per repository (a row once anything changed in it), so a view of some namespaces is versioned by an
-- index range over their repositories instead of a read of their tags.
CREATE TABLE catalog_repositories (
    repository_id INTEGER NOT NULL PRIMARY KEY,
    version       INTEGER NOT NULL,
    change_seq    INTEGER NOT NULL
);

-- The latest change of each tag ever changed since this migration: `deleted` 1 is a tombstone.
CREATE TABLE catalog_changes (
    repository_id INTEGER NOT NULL,
    tag           TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    deleted       INTEGER NOT NULL,
    PRIMARY KEY (repository_id, tag)
) WITHOUT ROWID;
CREATE INDEX ix_catalog_changes_seq ON catalog_changes (seq);

-- Manifest GETs per repository and digest, added up from every node's batches.
CREATE TABLE pull_stats (
    repository_id  INTEGER NOT NULL,
    digest         TEXT    NOT NULL,
    pull_count     INTEGER NOT NULL,
    last_pulled_at INTEGER NOT NULL,
    PRIMARY KEY (repository_id, digest)
) WITHOUT ROWID;

-- Size, platforms (JSON array) and labels (JSON object) of a manifest, by digest (content never changes).
CREATE TABLE manifest_details (
    digest     TEXT    NOT NULL PRIMARY KEY,
    size       INTEGER NOT NULL,
    platforms  TEXT,
    labels     TEXT
) WITHOUT ROWID;

-- Tags that exist already enter the sequence as created, so `since` from the very start means every tag.
INSERT INTO catalog_changes (repository_id, tag, seq, deleted)
SELECT repository_id, name, ROW_NUMBER() OVER (ORDER BY repository_id, name), 0 FROM tags;
UPDATE catalog_state SET version = (SELECT COUNT(*) FROM catalog_changes), change_seq = (SELECT COUNT(*) FROM catalog_changes);
INSERT INTO catalog_repositories (repository_id, version, change_seq)
SELECT repository_id, COUNT(*), MAX(seq) FROM catalog_changes GROUP BY repository_id;

CREATE TRIGGER catalog_tag_created AFTER INSERT ON tags
BEGIN
    UPDATE catalog_state SET version = version + 1, change_seq = version + 1;
    INSERT INTO catalog_changes (repository_id, tag, seq, deleted)
    VALUES (NEW.repository_id, NEW.name, (SELECT change_seq FROM catalog_state), 0)
    ON CONFLICT (repository_id, tag) DO UPDATE SET seq = excluded.seq, deleted = 0;
    INSERT INTO catalog_repositories (repository_id, version, change_seq)
    VALUES (NEW.repository_id, 1, (SELECT change_seq FROM catalog_state))
    ON CONFLICT (repository_id) DO UPDATE SET version = version + 1, change_seq = excluded.change_seq;
END;

CREATE TRIGGER catalog_tag_moved AFTER UPDATE OF manifest_digest ON tags
WHEN NEW.manifest_digest IS NOT OLD.manifest_digest
BEGIN
    UPDATE catalog_state SET version = version + 1, change_seq = version + 1;
    INSERT INTO catalog_changes (repository_id, tag, seq, deleted)
    VALUES (NEW.repository_id, NEW.name, (SELECT change_seq FROM catalog_state), 0)
    ON CONFLICT (repository_id, tag) DO UPDATE SET seq = excluded.seq, deleted = 0;
    INSERT INTO catalog_repositories (repository_id, version, change_seq)
    VALUES (NEW.repository_id, 1, (SELECT change_seq FROM catalog_state))
    ON CONFLICT (repository_id) DO UPDATE SET version = version + 1, change_seq = excluded.change_seq;
END;

CREATE TRIGGER catalog_tag_deleted AFTER DELETE ON tags
BEGIN
    UPDATE catalog_state SET version = version + 1, change_seq = version + 1;
    INSERT INTO catalog_changes (repository_id, tag, seq, deleted)
    VALUES (OLD.repository_id, OLD.name, (SELECT change_seq FROM catalog_state), 1)
    ON CONFLICT (repository_id, tag) DO UPDATE SET seq = excluded.seq, deleted = 1;
    INSERT INTO catalog_repositories (repository_id, version, change_seq)
    VALUES (OLD.repository_id, 1, (SELECT change_seq FROM catalog_state))
    ON CONFLICT (repository_id) DO UPDATE SET version = version + 1, change_seq = excluded.change_seq;
END;
