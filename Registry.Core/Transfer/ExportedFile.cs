namespace Registry.Core.Transfer;

/// <summary>A file of a generic or Maven repository: where it goes, its checksums and properties; its bytes are the blob <see cref="Digest"/>.</summary>
public sealed record ExportedFile(
    string Repository, string Path, string Digest, long Size, string Sha1, string Md5, string? MimeType, IReadOnlyList<ExportedProperty>? Properties);
