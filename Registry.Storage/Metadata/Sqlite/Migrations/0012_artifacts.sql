-- Artifact repositories (IArtifactStore, docs/artifacts.md). File bytes are blobs in the shared blob store, recorded
-- in `blobs`; garbage collection must keep every digest an artifact file references (artifact_files.digest).
CREATE TABLE artifact_repositories (
    key             TEXT    NOT NULL PRIMARY KEY,
    type            INTEGER NOT NULL,
    allow_redeploy  INTEGER NOT NULL,
    description     TEXT,
    created_at      INTEGER NOT NULL,
    created_by      TEXT    NOT NULL
) WITHOUT ROWID;

CREATE TABLE artifact_files (
    repository      TEXT    NOT NULL REFERENCES artifact_repositories (key),
    path            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    digest          TEXT    NOT NULL REFERENCES blobs (digest),
    size            INTEGER NOT NULL,
    sha1            TEXT    NOT NULL,
    md5             TEXT    NOT NULL,
    mime_type       TEXT,
    created_at      INTEGER NOT NULL,
    created_by      TEXT    NOT NULL,
    modified_at     INTEGER NOT NULL,
    modified_by     TEXT    NOT NULL,
    PRIMARY KEY (repository, path)
) WITHOUT ROWID;
CREATE INDEX ix_artifact_files_digest ON artifact_files (digest);
CREATE INDEX ix_artifact_files_sha1 ON artifact_files (sha1);
CREATE INDEX ix_artifact_files_md5 ON artifact_files (md5);
CREATE INDEX ix_artifact_files_name ON artifact_files (name);

-- Property values per file (a property may have several values).
CREATE TABLE artifact_properties (
    repository      TEXT    NOT NULL,
    path            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    value           TEXT    NOT NULL,
    PRIMARY KEY (repository, path, name, value)
) WITHOUT ROWID;
CREATE INDEX ix_artifact_properties_name_value ON artifact_properties (name, value);

-- One retention policy per repository (keep rules as JSON in the retention engine's format, keep properties as a
-- JSON array of "name" or "name=value").
CREATE TABLE artifact_retention (
    repository      TEXT NOT NULL PRIMARY KEY REFERENCES artifact_repositories (key),
    rules           TEXT NOT NULL,
    keep_properties TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    updated_at      INTEGER NOT NULL
) WITHOUT ROWID;
