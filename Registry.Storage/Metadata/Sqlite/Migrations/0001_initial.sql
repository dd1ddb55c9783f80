-- Repositories are created by the first blob link or manifest push.
CREATE TABLE repositories (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

-- Every blob the blob store holds that metadata knows of (layers, configs and manifest bytes), once per digest.
CREATE TABLE blobs (
    digest      TEXT    NOT NULL PRIMARY KEY,
    size        INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- Which repository may serve which blob (pushed or mounted into it).
CREATE TABLE repository_blobs (
    repository_id INTEGER NOT NULL REFERENCES repositories (id),
    digest        TEXT    NOT NULL REFERENCES blobs (digest),
    created_at    INTEGER NOT NULL,
    PRIMARY KEY (repository_id, digest)
) WITHOUT ROWID;
CREATE INDEX ix_repository_blobs_digest ON repository_blobs (digest);

CREATE TABLE manifests (
    repository_id  INTEGER NOT NULL REFERENCES repositories (id),
    digest         TEXT    NOT NULL,
    media_type     TEXT    NOT NULL,
    size           INTEGER NOT NULL,
    artifact_type  TEXT,
    subject_digest TEXT,
    annotations    TEXT,
    created_at     INTEGER NOT NULL,
    PRIMARY KEY (repository_id, digest)
) WITHOUT ROWID;
CREATE INDEX ix_manifests_subject ON manifests (repository_id, subject_digest) WHERE subject_digest IS NOT NULL;
CREATE INDEX ix_manifests_digest ON manifests (digest);

-- What each manifest references: kind 0 = blob (config, layer), 1 = child manifest (index entry).
CREATE TABLE manifest_references (
    repository_id   INTEGER NOT NULL,
    manifest_digest TEXT    NOT NULL,
    child_digest    TEXT    NOT NULL,
    kind            INTEGER NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, child_digest)
) WITHOUT ROWID;
CREATE INDEX ix_manifest_references_child ON manifest_references (repository_id, child_digest);

CREATE TABLE tags (
    repository_id   INTEGER NOT NULL REFERENCES repositories (id),
    name            TEXT    NOT NULL,
    manifest_digest TEXT    NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (repository_id, name)
) WITHOUT ROWID;
CREATE INDEX ix_tags_manifest ON tags (repository_id, manifest_digest);

-- Every creation, move and deletion of a tag (new_digest NULL = deleted).
CREATE TABLE tag_history (
    id            INTEGER PRIMARY KEY,
    repository_id INTEGER NOT NULL,
    tag           TEXT    NOT NULL,
    old_digest    TEXT,
    new_digest    TEXT,
    changed_at    INTEGER NOT NULL
);
CREATE INDEX ix_tag_history_tag ON tag_history (repository_id, tag, id);

CREATE TABLE uploads (
    id          TEXT    NOT NULL PRIMARY KEY,
    repository  TEXT    NOT NULL,
    started_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_uploads_started ON uploads (started_at);
