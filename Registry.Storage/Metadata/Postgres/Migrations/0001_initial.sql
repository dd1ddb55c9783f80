-- The PostgreSQL twin of the SQLite schema. Names and digests use COLLATE "C" so comparisons, ORDER BY and the
-- keyset pagination (name > @Last ORDER BY name) are ordinal (byte order, like SQLite's BINARY) and index-backed,
-- whatever the database's default collation. Timestamps are Unix milliseconds (bigint), as in SQLite.

-- Repositories are created by the first blob link or manifest push.
CREATE TABLE repositories (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text COLLATE "C" NOT NULL,
    created_at  bigint NOT NULL,
    CONSTRAINT uq_repositories_name UNIQUE (name)
);

-- Every blob the blob store holds that metadata knows of (layers, configs and manifest bytes), once per digest.
CREATE TABLE blobs (
    digest      text COLLATE "C" NOT NULL PRIMARY KEY,
    size        bigint NOT NULL,
    created_at  bigint NOT NULL
);

-- Which repository may serve which blob (pushed or mounted into it).
CREATE TABLE repository_blobs (
    repository_id bigint NOT NULL REFERENCES repositories (id),
    digest        text COLLATE "C" NOT NULL REFERENCES blobs (digest),
    created_at    bigint NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX ix_repository_blobs_digest ON repository_blobs (digest);

CREATE TABLE manifests (
    repository_id  bigint NOT NULL REFERENCES repositories (id),
    digest         text COLLATE "C" NOT NULL,
    media_type     text NOT NULL,
    size           bigint NOT NULL,
    artifact_type  text,
    subject_digest text COLLATE "C",
    annotations    text,
    created_at     bigint NOT NULL,
    PRIMARY KEY (repository_id, digest)
);
CREATE INDEX ix_manifests_subject ON manifests (repository_id, subject_digest, artifact_type) WHERE subject_digest IS NOT NULL;
CREATE INDEX ix_manifests_digest ON manifests (digest);

-- What each manifest references: kind 0 = blob (config, layer), 1 = child manifest (index entry).
CREATE TABLE manifest_references (
    repository_id   bigint NOT NULL,
    manifest_digest text COLLATE "C" NOT NULL,
    child_digest    text COLLATE "C" NOT NULL,
    kind            smallint NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, child_digest)
);
CREATE INDEX ix_manifest_references_child ON manifest_references (repository_id, child_digest);

CREATE TABLE tags (
    repository_id   bigint NOT NULL REFERENCES repositories (id),
    name            text COLLATE "C" NOT NULL,
    manifest_digest text COLLATE "C" NOT NULL,
    updated_at      bigint NOT NULL,
    PRIMARY KEY (repository_id, name)
);
CREATE INDEX ix_tags_manifest ON tags (repository_id, manifest_digest);

-- Every creation, move and deletion of a tag (new_digest NULL = deleted). Rows of one tag are written while its
-- tags row is locked, so their ids follow the order the moves committed in.
CREATE TABLE tag_history (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repository_id bigint NOT NULL,
    tag           text COLLATE "C" NOT NULL,
    old_digest    text COLLATE "C",
    new_digest    text COLLATE "C",
    changed_at    bigint NOT NULL
);
CREATE INDEX ix_tag_history_tag ON tag_history (repository_id, tag, id);

CREATE TABLE uploads (
    id          text COLLATE "C" NOT NULL PRIMARY KEY,
    repository  text COLLATE "C" NOT NULL,
    started_at  bigint NOT NULL
);
CREATE INDEX ix_uploads_started ON uploads (started_at);
