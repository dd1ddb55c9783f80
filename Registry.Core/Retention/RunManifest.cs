namespace Registry.Core.Retention;

/// <summary>A manifest a run deleted, and why (see <see cref="PlannedManifest"/>).</summary>
public sealed record RunManifest(string Repository, string Digest, string MediaType, long Size, string Reason);
