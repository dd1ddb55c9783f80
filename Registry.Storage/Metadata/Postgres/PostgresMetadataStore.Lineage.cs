namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore : ILineageStore
{
    public async ValueTask RecordLayerChainAsync(RepositoryName repository, Digest manifest, IReadOnlyList<string> chain, CancellationToken ct)
    {
        if (chain.Count == 0)
        {
            return;
        }

        await WriteAsync(async (c, tx) =>
        {
            for (int i = 0; i < chain.Count; i++)
            {
                await c.ExecuteAsync(Command(LineageSql.InsertLayerChain,
                    new { Repository = repository.Value, Digest = manifest.Value, Depth = i + 1, Chain = chain[i], LayerCount = chain.Count }, tx, ct));
            }

            return 0;
        }, ct);
    }

    public ValueTask<IReadOnlyList<string>> GetLayerChainAsync(RepositoryName repository, Digest manifest, CancellationToken ct)
        => ReadAsync<IReadOnlyList<string>>(async c =>
            (await c.QueryAsync<string>(Command(LineageSql.LayerChain, new { Repository = repository.Value, Digest = manifest.Value }, null, ct))).AsList(), ct);

    public ValueTask<IReadOnlyList<ChainedManifest>> FindByChainAsync(string chain, int depth, bool exactDepth, CancellationToken ct)
        => ReadAsync<IReadOnlyList<ChainedManifest>>(async c =>
            (await c.QueryAsync<(string Repository, string Digest, int LayerCount)>(Command(LineageSql.ManifestsByChain, new { Chain = chain, Depth = depth, ExactDepth = exactDepth }, null, ct)))
            .Select(r => new ChainedManifest(RepositoryName.Parse(r.Repository), Digest.Parse(r.Digest), r.LayerCount))
            .ToList(), ct);

    public ValueTask<IReadOnlyList<Digest>> ListTagDigestsAsync(RepositoryName repository, TagName tag, CancellationToken ct)
        => ReadAsync<IReadOnlyList<Digest>>(async c =>
            (await c.QueryAsync<string>(Command(LineageSql.TagDigests, new { Repository = repository.Value, Tag = tag.Value }, null, ct)))
            .Select(Digest.Parse)
            .ToList(), ct);

    public ValueTask<IReadOnlyList<string>> ListTagsOfManifestAsync(RepositoryName repository, Digest manifest, CancellationToken ct)
        => ReadAsync<IReadOnlyList<string>>(async c =>
            (await c.QueryAsync<string>(Command(LineageSql.CurrentTagsOfManifest, new { Repository = repository.Value, Digest = manifest.Value }, null, ct))).AsList(), ct);
}
