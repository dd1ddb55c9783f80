-- The catalog for schedulers (ICatalogStore): a registry-wide sequence of tag changes, pull counts, and details
-- worked out once per manifest digest. The PostgreSQL twin of the SQLite script.
--
-- Tag changes are recorded by a trigger on `tags`, so every creation, move and deletion lands in the sequence in the
-- same transaction as the change itself, whichever code path (or node) made it. The trigger is a deferred
-- constraint trigger: it runs at commit, after everything else the transaction did, and takes the next sequence
-- number by updating the one `catalog_state` row. That row lock is held only from there to the end of the commit,
-- so sequence numbers follow commit order across all nodes (a reader that sees change N sees every change before
-- it). It is the last lock a committing transaction takes, and the only other writer of these tables (the flush of
-- pull counts) takes it first, so it cannot be part of a deadlock.

-- One row: `version` grows with every tag change and every flush of pull counts; `change_seq` is the sequence
-- number of the newest tag change (a version taken by a tag change).
CREATE TABLE catalog_state (
    id          integer NOT NULL PRIMARY KEY CHECK (id = 1),
    version     bigint  NOT NULL,
    change_seq  bigint  NOT NULL
);
INSERT INTO catalog_state (id, version, change_seq) VALUES (1, 0, 0);

-- The same per repository (a row once anything changed in it), so a view of some namespaces is versioned by an
-- index range over their repositories instead of a read of their tags.
CREATE TABLE catalog_repositories (
    repository_id bigint NOT NULL PRIMARY KEY,
    version       bigint NOT NULL,
    change_seq    bigint NOT NULL
);

-- The latest change of each tag ever changed since this migration: `deleted` is a tombstone.
CREATE TABLE catalog_changes (
    repository_id bigint  NOT NULL,
    tag           text COLLATE "C" NOT NULL,
    seq           bigint  NOT NULL,
    deleted       boolean NOT NULL,
    PRIMARY KEY (repository_id, tag)
);
CREATE INDEX ix_catalog_changes_seq ON catalog_changes (seq);

-- Manifest GETs per repository and digest, added up from every node's batches.
CREATE TABLE pull_stats (
    repository_id  bigint NOT NULL,
    digest         text COLLATE "C" NOT NULL,
    pull_count     bigint NOT NULL,
    last_pulled_at bigint NOT NULL,
    PRIMARY KEY (repository_id, digest)
);

-- Size, platforms (JSON array) and labels (JSON object) of a manifest, by digest (content never changes).
CREATE TABLE manifest_details (
    digest     text COLLATE "C" NOT NULL PRIMARY KEY,
    size       bigint NOT NULL,
    platforms  text,
    labels     text
);

CREATE FUNCTION catalog_record_tag_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    next_seq   bigint;
    repository bigint;
    tag_name   text;
    is_deleted boolean;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.manifest_digest IS NOT DISTINCT FROM OLD.manifest_digest THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        repository := OLD.repository_id;
        tag_name := OLD.name;
        is_deleted := true;
    ELSE
        repository := NEW.repository_id;
        tag_name := NEW.name;
        is_deleted := false;
    END IF;

    UPDATE catalog_state SET version = version + 1, change_seq = version + 1 WHERE id = 1 RETURNING change_seq INTO next_seq;
    INSERT INTO catalog_changes AS c (repository_id, tag, seq, deleted) VALUES (repository, tag_name, next_seq, is_deleted)
    ON CONFLICT (repository_id, tag) DO UPDATE SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted;
    INSERT INTO catalog_repositories AS r (repository_id, version, change_seq) VALUES (repository, 1, next_seq)
    ON CONFLICT (repository_id) DO UPDATE SET version = r.version + 1, change_seq = EXCLUDED.change_seq;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER catalog_tag_changed AFTER INSERT OR UPDATE OR DELETE ON tags
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog_record_tag_change();

-- Tags that exist already enter the sequence as created, so `since` from the very start means every tag. This runs
-- after CREATE TRIGGER, whose lock on `tags` lets no other node change a tag until this migration commits.
INSERT INTO catalog_changes (repository_id, tag, seq, deleted)
SELECT repository_id, name, ROW_NUMBER() OVER (ORDER BY repository_id, name), false FROM tags;
UPDATE catalog_state SET version = (SELECT COUNT(*) FROM catalog_changes), change_seq = (SELECT COUNT(*) FROM catalog_changes);
INSERT INTO catalog_repositories (repository_id, version, change_seq)
SELECT repository_id, COUNT(*), MAX(seq) FROM catalog_changes GROUP BY repository_id;
