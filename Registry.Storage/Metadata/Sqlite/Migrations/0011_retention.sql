-- Retention policies and their run history (IRetentionStore). Version 0010 is left to the garbage collector's
-- schema; the migrators apply every script whose version is not recorded yet, so a gap (or a lower version merged
-- later) is fine.

-- Repository scopes and keep rules are JSON arrays (see RetentionJson); durations are in milliseconds.
CREATE TABLE retention_policies (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL UNIQUE,
    description          TEXT,
    enabled              INTEGER NOT NULL,
    repositories         TEXT    NOT NULL,
    rules                TEXT    NOT NULL,
    untagged_older_than  INTEGER,
    schedule             TEXT,
    created_by           TEXT    NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_by           TEXT    NOT NULL,
    updated_at           INTEGER NOT NULL,
    last_scheduled_at    INTEGER
);

-- One row per run (dry runs too); `details` is the JSON of what it deleted, freed, skipped and failed on. Runs
-- outlive their policy, so policy_id is no foreign key and the name is kept.
CREATE TABLE retention_runs (
    id                INTEGER PRIMARY KEY,
    policy_id         INTEGER NOT NULL,
    policy_name       TEXT    NOT NULL,
    trigger_kind      TEXT    NOT NULL,
    actor             TEXT    NOT NULL,
    dry_run           INTEGER NOT NULL,
    started_at        INTEGER NOT NULL,
    finished_at       INTEGER NOT NULL,
    tags_deleted      INTEGER NOT NULL,
    manifests_deleted INTEGER NOT NULL,
    blobs_freed       INTEGER NOT NULL,
    bytes_freed       INTEGER NOT NULL,
    skipped           INTEGER NOT NULL,
    errors            INTEGER NOT NULL,
    details           TEXT    NOT NULL
);
CREATE INDEX ix_retention_runs_policy ON retention_runs (policy_id, id);

-- "Does any manifest of any repository still reference this blob?" is asked per digest across repositories; the
-- primary key and ix_manifest_references_child lead with repository_id, so they cannot answer it.
CREATE INDEX IF NOT EXISTS ix_manifest_references_child_digest ON manifest_references (child_digest);
