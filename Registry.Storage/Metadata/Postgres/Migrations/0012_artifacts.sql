-- Artifact repositories (IArtifactStore): the PostgreSQL twin of the SQLite script. Garbage collection must keep
-- every digest an artifact file references (artifact_files.digest); the foreign key to blobs enforces it for rows.
CREATE TABLE artifact_repositories (
    key             text COLLATE "C" NOT NULL PRIMARY KEY,
    type            integer NOT NULL,
    allow_redeploy  boolean NOT NULL,
    description     text,
    created_at      bigint NOT NULL,
    created_by      text NOT NULL
);

CREATE TABLE artifact_files (
    repository      text COLLATE "C" NOT NULL REFERENCES artifact_repositories (key),
    path            text COLLATE "C" NOT NULL,
    name            text COLLATE "C" NOT NULL,
    digest          text COLLATE "C" NOT NULL REFERENCES blobs (digest),
    size            bigint NOT NULL,
    sha1            text COLLATE "C" NOT NULL,
    md5             text COLLATE "C" NOT NULL,
    mime_type       text,
    created_at      bigint NOT NULL,
    created_by      text NOT NULL,
    modified_at     bigint NOT NULL,
    modified_by     text NOT NULL,
    PRIMARY KEY (repository, path)
);
CREATE INDEX ix_artifact_files_digest ON artifact_files (digest);
CREATE INDEX ix_artifact_files_sha1 ON artifact_files (sha1);
CREATE INDEX ix_artifact_files_md5 ON artifact_files (md5);
CREATE INDEX ix_artifact_files_name ON artifact_files (lower(name) text_pattern_ops);

CREATE TABLE artifact_properties (
    repository      text COLLATE "C" NOT NULL,
    path            text COLLATE "C" NOT NULL,
    name            text COLLATE "C" NOT NULL,
    value           text COLLATE "C" NOT NULL,
    PRIMARY KEY (repository, path, name, value)
);
CREATE INDEX ix_artifact_properties_name_value ON artifact_properties (name, value);

-- One retention policy per repository (keep rules as JSON in the retention engine's format, keep properties as a
-- JSON array of "name" or "name=value").
CREATE TABLE artifact_retention (
    repository      text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES artifact_repositories (key),
    rules           text NOT NULL,
    keep_properties text NOT NULL,
    updated_by      text NOT NULL,
    updated_at      bigint NOT NULL
);
