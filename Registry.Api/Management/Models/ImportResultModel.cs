using Registry.Core.Transfer;

namespace Registry.Api.Management.Models;

/// <summary>What <c>POST /api/v1/imports</c> imported; <see cref="Problems"/> lists what the registry refused item by item (a protected tag, a quota).</summary>
internal sealed record ImportResultModel(
    bool Succeeded, int Repositories, int Tags, int Manifests, int Files, int BlobsStored, int BlobsPresent, long BytesStored, IReadOnlyList<string> Problems)
{
    public static ImportResultModel From(ImportResult result)
        => new(result.Succeeded, result.Repositories, result.Tags, result.Manifests, result.Files, result.BlobsStored, result.BlobsPresent, result.BytesStored, result.Problems);
}
