namespace Registry.Api.Management.Models;

/// <summary>The artifact repositories the caller may read.</summary>
internal sealed record ArtifactRepositoryList(IReadOnlyList<ArtifactRepositoryModel> Repositories);
