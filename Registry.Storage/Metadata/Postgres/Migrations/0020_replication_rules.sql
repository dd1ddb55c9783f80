-- Replication rules (docs/replication.md): one row per rule; the other registry, filter, mapping and triggers as
-- JSON (ReplicationSettingsJson), the password as ICredentialProtector encrypted it. Direction 0 push, 1 pull.
CREATE TABLE replication_rules (
    name              text COLLATE "C" NOT NULL PRIMARY KEY,
    direction         smallint NOT NULL,
    settings          text NOT NULL,
    overwrite         boolean NOT NULL,
    propagate_deletes boolean NOT NULL,
    enabled           boolean NOT NULL,
    created_by        text NOT NULL,
    created_at        bigint NOT NULL,
    updated_at        bigint NOT NULL
);

-- Each finished run of a rule: counts, bytes, requests and the per-tag results as JSON (ReplicationRunRow).
CREATE TABLE replication_runs (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule       text COLLATE "C" NOT NULL,
    started_at bigint NOT NULL,
    ended_at   bigint NOT NULL,
    status     text NOT NULL,
    summary    text NOT NULL
);
CREATE INDEX ix_replication_runs_rule ON replication_runs (rule, id);
