-- Online garbage collection (IGcStore, docs/gc.md).

-- The review queue: blobs that lost their last reference (state 0 = queued) and blobs a pass is deleting
-- (state 1: invisible to clients; the bytes may already be gone). queued_at is when the blob became unreferenced;
-- an entry is due once Registry:Gc:ReviewDelay has passed since then.
CREATE TABLE gc_queue (
    digest     TEXT    NOT NULL PRIMARY KEY,
    queued_at  INTEGER NOT NULL,
    state      INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX ix_gc_queue_state ON gc_queue (state, digest);

-- Blobs a client was just told exist (HEAD 200, mount 201, PUT 201) or whose bytes are being written: no pass
-- deletes them before pinned_until. Kept apart from blobs, since an upload pins its digest before the row exists.
CREATE TABLE gc_pins (
    digest       TEXT    NOT NULL PRIMARY KEY,
    pinned_until INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_gc_pins_until ON gc_pins (pinned_until);

-- One row per collection pass, for the status API and the console.
CREATE TABLE gc_runs (
    id            INTEGER PRIMARY KEY,
    trigger       TEXT    NOT NULL,
    node          TEXT    NOT NULL,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER NOT NULL,
    blobs_deleted INTEGER NOT NULL,
    bytes_freed   INTEGER NOT NULL,
    errors        INTEGER NOT NULL,
    last_error    TEXT
);

-- "Does any manifest in any repository reference this digest?" (the existing index leads with repository_id).
CREATE INDEX ix_manifest_references_child_digest ON manifest_references (child_digest);

-- Blobs already unreferenced before collection existed (images deleted earlier) are queued as of their creation.
INSERT INTO gc_queue (digest, queued_at, state)
SELECT b.digest, b.created_at, 0 FROM blobs b
WHERE NOT EXISTS (SELECT 1 FROM manifests m WHERE m.digest = b.digest)
  AND NOT EXISTS (SELECT 1 FROM manifest_references r WHERE r.child_digest = b.digest);
