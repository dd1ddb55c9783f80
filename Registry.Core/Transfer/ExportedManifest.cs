namespace Registry.Core.Transfer;

/// <param name="Subject">The manifest it refers to, when it is a referrer (a signature, an SBOM).</param>
public sealed record ExportedManifest(string Digest, string MediaType, long Size, string? Subject);
