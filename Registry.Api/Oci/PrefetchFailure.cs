namespace Registry.Api.Oci;

/// <summary>One manifest or blob a prefetch could not bring into the cache, and why.</summary>
internal sealed record PrefetchFailure(string Kind, string Reference, string Status, string Reason);
