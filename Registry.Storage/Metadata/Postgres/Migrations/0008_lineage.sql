-- Base-image lineage (ILineageStore): the PostgreSQL twin of the SQLite script.
CREATE TABLE manifest_layer_chains (
    repository_id   bigint NOT NULL REFERENCES repositories (id),
    manifest_digest text COLLATE "C" NOT NULL,
    depth           integer NOT NULL,
    chain_id        text COLLATE "C" NOT NULL,
    layer_count     integer NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, depth)
);
CREATE INDEX ix_manifest_layer_chains_chain ON manifest_layer_chains (chain_id, depth);
