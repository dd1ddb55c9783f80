-- Base-image lineage (ILineageStore): the layer chain of every image manifest at every depth (Docker-style chain
-- ids, Registry.Core/Lineage/LayerChain). layer_count is the manifest's total depth, so "a manifest with exactly
-- these layers" is an index lookup. Rows of deleted manifests are ignored by joining manifests.
CREATE TABLE manifest_layer_chains (
    repository_id   INTEGER NOT NULL REFERENCES repositories (id),
    manifest_digest TEXT    NOT NULL,
    depth           INTEGER NOT NULL,
    chain_id        TEXT    NOT NULL,
    layer_count     INTEGER NOT NULL,
    PRIMARY KEY (repository_id, manifest_digest, depth)
) WITHOUT ROWID;
CREATE INDEX ix_manifest_layer_chains_chain ON manifest_layer_chains (chain_id, depth);
