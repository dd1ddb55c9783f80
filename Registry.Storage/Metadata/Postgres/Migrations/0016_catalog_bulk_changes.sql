-- Tag changes made in bulk (PostgreSQL only; SQLite updates rows in place and never had the problem).
--
-- Migration 0007's deferred trigger took each change's sequence number by updating the one `catalog_state` row, and
-- bumped the repository's `catalog_repositories` row, once per changed tag. A transaction that changed many tags
-- (deleting a manifest that thousands of tags point at) therefore updated the same two rows thousands of times, and
-- each update walked the row versions the transaction had already made: 9,900 tag deletions took 1.7 s to commit and
-- 40,600 took 25 s, while every other tag write waited for the `catalog_state` lock.
--
-- Now a plain row trigger counts the changes as the statements make them, in a transaction-local setting (a
-- rolled-back savepoint takes its counts back with its rows). The deferred trigger still runs at commit, for each
-- change in the order they were made, and still takes `catalog_state` first and as the last lock of the transaction,
-- so sequence numbers keep following commit order. But its first event reserves a number for every counted change
-- in one update, and its last event gives each repository the batch touched one new version in one statement.
-- Sequence numbers, `catalog_state.version` and the change feed are exactly what 0007 produced; a repository's
-- version now grows by one per committed batch rather than per change (readers only need it to grow).
--
-- A change the counter did not see (its trigger disabled by hand) is recorded as a batch of one, as 0007 did.

CREATE FUNCTION catalog_count_tag_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.manifest_digest IS NOT DISTINCT FROM OLD.manifest_digest THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('registry.catalog_pending',
        (COALESCE(NULLIF(current_setting('registry.catalog_pending', true), ''), '0')::bigint + 1)::text, true);
    RETURN NULL;
END
$$;

-- Named to sort before `catalog_tag_changed`: triggers on one event fire in name order, so even with the constraint
-- set IMMEDIATE a change is counted before it is recorded (and then simply makes a batch of one).
CREATE TRIGGER catalog_tag_a_counted AFTER INSERT OR UPDATE OR DELETE ON tags
FOR EACH ROW EXECUTE FUNCTION catalog_count_tag_change();

CREATE OR REPLACE FUNCTION catalog_record_tag_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    pending    bigint;
    next_seq   bigint;
    first_seq  bigint;
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

    -- A change the counter did not see (its trigger disabled by hand) makes a batch of its own.
    pending := GREATEST(COALESCE(NULLIF(current_setting('registry.catalog_pending', true), ''), '0')::bigint, 1);
    next_seq := NULLIF(current_setting('registry.catalog_next', true), '')::bigint;
    IF next_seq IS NULL THEN
        -- The batch's first change: one sequence number for each counted change, reserved with one update.
        UPDATE catalog_state SET version = version + pending, change_seq = version + pending WHERE id = 1
        RETURNING change_seq - pending + 1 INTO next_seq;
        PERFORM set_config('registry.catalog_first', next_seq::text, true);
    END IF;

    INSERT INTO catalog_changes AS c (repository_id, tag, seq, deleted) VALUES (repository, tag_name, next_seq, is_deleted)
    ON CONFLICT (repository_id, tag) DO UPDATE SET seq = EXCLUDED.seq, deleted = EXCLUDED.deleted;

    IF pending = 1 THEN
        -- The batch's last change: each repository it touched gets one new version and its newest sequence number.
        first_seq := current_setting('registry.catalog_first')::bigint;
        INSERT INTO catalog_repositories AS r (repository_id, version, change_seq)
        SELECT repository_id, 1, MAX(seq) FROM catalog_changes WHERE seq BETWEEN first_seq AND next_seq
        GROUP BY repository_id ORDER BY repository_id
        ON CONFLICT (repository_id) DO UPDATE SET version = r.version + 1, change_seq = EXCLUDED.change_seq;
        PERFORM set_config('registry.catalog_next', '', true);
        PERFORM set_config('registry.catalog_first', '', true);
    ELSE
        PERFORM set_config('registry.catalog_next', (next_seq + 1)::text, true);
    END IF;
    PERFORM set_config('registry.catalog_pending', (pending - 1)::text, true);
    RETURN NULL;
END
$$;
