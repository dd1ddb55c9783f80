-- Replication rules (docs/replication.md): one row per rule; the other registry, filter, mapping and triggers as
-- JSON (ReplicationSettingsJson), the password as ICredentialProtector encrypted it. Direction 0 push, 1 pull.
CREATE TABLE replication_rules (
    name              TEXT    NOT NULL PRIMARY KEY,
    direction         INTEGER NOT NULL,
    settings          TEXT    NOT NULL,
    overwrite         INTEGER NOT NULL,
    propagate_deletes INTEGER NOT NULL,
    enabled           INTEGER NOT NULL,
    created_by        TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

-- Each finished run of a rule: counts, bytes, requests and the per-tag results as JSON (ReplicationRunRow).
CREATE TABLE replication_runs (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    rule       TEXT    NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at   INTEGER NOT NULL,
    status     TEXT    NOT NULL,
    summary    TEXT    NOT NULL
);
CREATE INDEX ix_replication_runs_rule ON replication_runs (rule, id);
