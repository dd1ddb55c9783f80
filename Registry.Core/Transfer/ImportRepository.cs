using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

public sealed record ImportRepository(RepositoryName Name, IReadOnlyList<ImportManifest> Manifests, IReadOnlyList<(TagName Tag, Digest Digest)> Tags);
