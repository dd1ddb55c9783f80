namespace Registry.Storage.Metadata;

/// <summary>The statements of the lineage store (layer chains, tag digests), the same in SQLite and PostgreSQL.</summary>
internal static class LineageSql
{
    public const string InsertLayerChain = """
        INSERT INTO manifest_layer_chains (repository_id, manifest_digest, depth, chain_id, layer_count)
        SELECT r.id, @Digest, @Depth, @Chain, @LayerCount FROM repositories r WHERE r.name = @Repository
        ON CONFLICT DO NOTHING
        """;

    public const string LayerChain = """
        SELECT c.chain_id FROM manifest_layer_chains c JOIN repositories r ON r.id = c.repository_id
        WHERE r.name = @Repository AND c.manifest_digest = @Digest ORDER BY c.depth
        """;

    public const string ManifestsByChain = """
        SELECT r.name AS Repository, c.manifest_digest AS Digest, c.layer_count AS LayerCount
        FROM manifest_layer_chains c
        JOIN repositories r ON r.id = c.repository_id
        JOIN manifests m ON m.repository_id = c.repository_id AND m.digest = c.manifest_digest
        WHERE c.chain_id = @Chain AND c.depth = @Depth AND (NOT @ExactDepth OR c.layer_count = @Depth)
        ORDER BY r.name, c.manifest_digest
        """;

    public const string TagDigests = """
        SELECT d FROM (
            SELECT h.new_digest AS d FROM tag_history h JOIN repositories r ON r.id = h.repository_id
            WHERE r.name = @Repository AND h.tag = @Tag AND h.new_digest IS NOT NULL
            UNION
            SELECT t.manifest_digest AS d FROM tags t JOIN repositories r ON r.id = t.repository_id
            WHERE r.name = @Repository AND t.name = @Tag) AS digests
        ORDER BY d
        """;

    public const string CurrentTagsOfManifest = """
        SELECT t.name FROM tags t JOIN repositories r ON r.id = t.repository_id
        WHERE r.name = @Repository AND t.manifest_digest = @Digest ORDER BY t.name
        """;
}
