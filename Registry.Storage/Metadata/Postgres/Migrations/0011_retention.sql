-- Retention policies and their run history (IRetentionStore): the PostgreSQL twin of the SQLite script. Version
-- 0010 is left to the garbage collector's schema; the migrator applies every script whose version is not recorded
-- yet, so a gap (or a lower version merged later) is fine.

-- Repository scopes and keep rules are JSON arrays (see RetentionJson); durations are in milliseconds.
CREATE TABLE retention_policies (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                 text COLLATE "C" NOT NULL,
    description          text,
    enabled              boolean NOT NULL,
    repositories         text NOT NULL,
    rules                text NOT NULL,
    untagged_older_than  bigint,
    schedule             text,
    created_by           text NOT NULL,
    created_at           bigint NOT NULL,
    updated_by           text NOT NULL,
    updated_at           bigint NOT NULL,
    last_scheduled_at    bigint,
    CONSTRAINT uq_retention_policies_name UNIQUE (name)
);

-- One row per run (dry runs too); `details` is the JSON of what it deleted, freed, skipped and failed on. Runs
-- outlive their policy, so policy_id is no foreign key and the name is kept.
CREATE TABLE retention_runs (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id         bigint NOT NULL,
    policy_name       text NOT NULL,
    trigger_kind      text NOT NULL,
    actor             text NOT NULL,
    dry_run           boolean NOT NULL,
    started_at        bigint NOT NULL,
    finished_at       bigint NOT NULL,
    tags_deleted      integer NOT NULL,
    manifests_deleted integer NOT NULL,
    blobs_freed       integer NOT NULL,
    bytes_freed       bigint NOT NULL,
    skipped           integer NOT NULL,
    errors            integer NOT NULL,
    details           text NOT NULL
);
CREATE INDEX ix_retention_runs_policy ON retention_runs (policy_id, id);

-- "Does any manifest of any repository still reference this blob?" is asked per digest across repositories; the
-- primary key and ix_manifest_references_child lead with repository_id, so they cannot answer it.
CREATE INDEX IF NOT EXISTS ix_manifest_references_child_digest ON manifest_references (child_digest);
