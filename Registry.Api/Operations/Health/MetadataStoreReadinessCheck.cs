using Registry.Core.Storage;

namespace Registry.Api.Operations.Health;

/// <summary>The metadata store answers a query: the first repository of the catalog.</summary>
internal sealed class MetadataStoreReadinessCheck(IMetadataStore metadata) : IReadinessCheck
{
    public string Name => "metadata";

    public async ValueTask CheckAsync(CancellationToken ct) => await metadata.ListRepositoriesAsync(null, 1, ct);
}
