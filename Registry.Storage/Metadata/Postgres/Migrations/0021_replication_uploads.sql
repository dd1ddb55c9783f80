-- Chunked uploads a push replication run left unfinished at the other registry (ReplicationUploads): the upload
-- session's absolute URL there and the bytes it confirmed, so the next run continues instead of starting over.
CREATE TABLE replication_uploads (
    rule       text COLLATE "C" NOT NULL,
    repository text COLLATE "C" NOT NULL,
    digest     text COLLATE "C" NOT NULL,
    size       bigint NOT NULL,
    location   text NOT NULL,
    confirmed  bigint NOT NULL,
    saved_at   bigint NOT NULL,
    PRIMARY KEY (rule, repository, digest)
);
