using Registry.Core.Primitives;

namespace Registry.Api.Lineage;

/// <summary>The base image an image was built on: the base manifest whose layers are the longest prefix of the image's.</summary>
internal sealed record BaseImage(RepositoryName Repository, Digest Digest, int LayerCount, IReadOnlyList<string> Tags);
