-- Online garbage collection (IGcStore, docs/gc.md): the PostgreSQL twin of the SQLite script.

-- The review queue: state 0 = queued, 1 = deleting (invisible to clients; the bytes may already be gone).
CREATE TABLE gc_queue (
    digest     text COLLATE "C" NOT NULL PRIMARY KEY,
    queued_at  bigint NOT NULL,
    state      smallint NOT NULL DEFAULT 0
);
CREATE INDEX ix_gc_queue_state ON gc_queue (state, digest);

-- Pins: no pass deletes the digest before pinned_until (written before an upload's row exists).
CREATE TABLE gc_pins (
    digest       text COLLATE "C" NOT NULL PRIMARY KEY,
    pinned_until bigint NOT NULL
);
CREATE INDEX ix_gc_pins_until ON gc_pins (pinned_until);

CREATE TABLE gc_runs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trigger       text NOT NULL,
    node          text NOT NULL,
    started_at    bigint NOT NULL,
    finished_at   bigint NOT NULL,
    blobs_deleted integer NOT NULL,
    bytes_freed   bigint NOT NULL,
    errors        integer NOT NULL,
    last_error    text
);

CREATE INDEX ix_manifest_references_child_digest ON manifest_references (child_digest);

INSERT INTO gc_queue (digest, queued_at, state)
SELECT b.digest, b.created_at, 0 FROM blobs b
WHERE NOT EXISTS (SELECT 1 FROM manifests m WHERE m.digest = b.digest)
  AND NOT EXISTS (SELECT 1 FROM manifest_references r WHERE r.child_digest = b.digest);
