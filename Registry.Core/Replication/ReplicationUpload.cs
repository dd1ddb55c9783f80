namespace Registry.Core.Replication;

/// <summary>
/// A chunked upload a push run left unfinished at the other registry: the blob <paramref name="Digest"/> of
/// <paramref name="Size"/> bytes going to <paramref name="Repository"/> there for <paramref name="Rule"/>, whose
/// upload session is at <paramref name="Location"/> (absolute, as the last accepted PATCH answered it) holding the
/// first <paramref name="Offset"/> bytes, as of <paramref name="SavedAt"/>.
/// </summary>
public sealed record ReplicationUpload(string Rule, string Repository, string Digest, long Size, string Location, long Offset, DateTimeOffset SavedAt);
