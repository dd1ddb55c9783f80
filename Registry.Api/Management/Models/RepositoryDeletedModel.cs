namespace Registry.Api.Management.Models;

/// <summary>What <c>DELETE /api/v1/repositories/{name}</c> deleted: the tags, the manifests and the blob links (the bytes go at garbage collection).</summary>
internal sealed record RepositoryDeletedModel(string Name, int TagsDeleted, int ManifestsDeleted, int BlobsUnlinked);
