using Registry.Core.Primitives;

namespace Registry.Core.Storage;

public sealed record BlobInfo(Digest Digest, long Size);
