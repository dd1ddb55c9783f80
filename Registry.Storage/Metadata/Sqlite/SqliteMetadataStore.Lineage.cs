namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore : ILineageStore
{
    public async ValueTask RecordLayerChainAsync(RepositoryName repository, Digest manifest, IReadOnlyList<string> chain, CancellationToken ct)
    {
        if (chain.Count == 0)
        {
            return;
        }

        await WriteAsync((c, tx) =>
        {
            for (int i = 0; i < chain.Count; i++)
            {
                c.Execute(LineageSql.InsertLayerChain,
                    new { Repository = repository.Value, Digest = manifest.Value, Depth = i + 1, Chain = chain[i], LayerCount = chain.Count }, tx);
            }

            return 0;
        }, ct);
    }

    public ValueTask<IReadOnlyList<string>> GetLayerChainAsync(RepositoryName repository, Digest manifest, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<string>>(Read(c => c.Query<string>(LineageSql.LayerChain, new { Repository = repository.Value, Digest = manifest.Value }).AsList()));

    public ValueTask<IReadOnlyList<ChainedManifest>> FindByChainAsync(string chain, int depth, bool exactDepth, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<ChainedManifest>>(Read(c => c
            .Query<(string Repository, string Digest, long LayerCount)>(LineageSql.ManifestsByChain, new { Chain = chain, Depth = depth, ExactDepth = exactDepth })
            .Select(r => new ChainedManifest(RepositoryName.Parse(r.Repository), Digest.Parse(r.Digest), (int)r.LayerCount))
            .ToList()));

    public ValueTask<IReadOnlyList<Digest>> ListTagDigestsAsync(RepositoryName repository, TagName tag, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<Digest>>(Read(c => c
            .Query<string>(LineageSql.TagDigests, new { Repository = repository.Value, Tag = tag.Value })
            .Select(Digest.Parse)
            .ToList()));

    public ValueTask<IReadOnlyList<string>> ListTagsOfManifestAsync(RepositoryName repository, Digest manifest, CancellationToken ct)
        => ValueTask.FromResult<IReadOnlyList<string>>(Read(c => c.Query<string>(LineageSql.CurrentTagsOfManifest, new { Repository = repository.Value, Digest = manifest.Value }).AsList()));
}
