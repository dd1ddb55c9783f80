using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>Which repository an upload session belongs to, so any node can check a request against it.</summary>
public sealed record UploadRecord(UploadId Id, RepositoryName Repository, DateTimeOffset StartedAt);
