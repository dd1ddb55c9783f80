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
