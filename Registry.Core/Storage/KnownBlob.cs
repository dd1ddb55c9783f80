using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>A digest the metadata expects in the blob store, with the repositories that reference it (may be empty).</summary>
public sealed record KnownBlob(Digest Digest, IReadOnlyList<string> Repositories);
