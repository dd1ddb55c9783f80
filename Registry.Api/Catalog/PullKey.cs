using Registry.Core.Primitives;

namespace Registry.Api.Catalog;

/// <summary>What pulls are counted by: a manifest (by digest, however it was asked for) in a repository.</summary>
internal readonly record struct PullKey(RepositoryName Repository, Digest Digest);
