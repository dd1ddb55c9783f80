-- Scheduled artifact retention: a cron schedule per policy, whether it runs on it, and when it last did (the claim
-- that makes each due run happen once across nodes).
ALTER TABLE artifact_retention ADD COLUMN schedule TEXT;
ALTER TABLE artifact_retention ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE artifact_retention ADD COLUMN last_scheduled_at INTEGER;

-- Every artifact retention run (manual, scheduled, dry) with what it deleted; kept when the policy is removed,
-- deleted with the repository.
CREATE TABLE artifact_retention_runs (
    id               INTEGER PRIMARY KEY,
    repository       TEXT    NOT NULL,
    trigger_kind     TEXT    NOT NULL,
    actor            TEXT    NOT NULL,
    dry_run          INTEGER NOT NULL,
    started_at       INTEGER NOT NULL,
    finished_at      INTEGER NOT NULL,
    versions_deleted INTEGER NOT NULL,
    files_deleted    INTEGER NOT NULL,
    bytes_freed      INTEGER NOT NULL,
    errors           INTEGER NOT NULL,
    details          TEXT    NOT NULL
);
CREATE INDEX ix_artifact_retention_runs_repository ON artifact_retention_runs (repository, id);
