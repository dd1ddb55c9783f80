using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>A blob as the blob store lists it: digest (from its key), size and when its bytes were last written.</summary>
public sealed record StoredBlob(Digest Digest, long Size, DateTimeOffset LastModified);
