-- Scheduled artifact retention: a cron schedule per policy, whether it runs on it, and when it last did (the claim
-- that makes each due run happen once across nodes).
ALTER TABLE artifact_retention ADD COLUMN schedule text;
ALTER TABLE artifact_retention ADD COLUMN enabled boolean NOT NULL DEFAULT true;
ALTER TABLE artifact_retention ADD COLUMN last_scheduled_at bigint;

-- Every artifact retention run (manual, scheduled, dry) with what it deleted; kept when the policy is removed,
-- deleted with the repository.
CREATE TABLE artifact_retention_runs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository       text COLLATE "C" NOT NULL,
    trigger_kind     text NOT NULL,
    actor            text NOT NULL,
    dry_run          boolean NOT NULL,
    started_at       bigint NOT NULL,
    finished_at      bigint NOT NULL,
    versions_deleted integer NOT NULL,
    files_deleted    integer NOT NULL,
    bytes_freed      bigint NOT NULL,
    errors           integer NOT NULL,
    details          text NOT NULL
);
CREATE INDEX ix_artifact_retention_runs_repository ON artifact_retention_runs (repository, id);
