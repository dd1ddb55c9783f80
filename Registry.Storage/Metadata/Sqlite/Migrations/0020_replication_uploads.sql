-- Chunked uploads a push replication run left unfinished at the other registry (ReplicationUploads): the upload
-- session's absolute URL there and the bytes it confirmed, so the next run continues instead of starting over.
CREATE TABLE replication_uploads (
    rule       TEXT    NOT NULL,
    repository TEXT    NOT NULL,
    digest     TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    location   TEXT    NOT NULL,
    confirmed  INTEGER NOT NULL,
    saved_at   INTEGER NOT NULL,
    PRIMARY KEY (rule, repository, digest)
);
