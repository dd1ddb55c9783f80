namespace Registry.Core.Usage;

/// <summary>The most bytes the manifests of a namespace may use, who set it and when.</summary>
public sealed record NamespaceQuota(string Namespace, long Bytes, string SetBy, DateTimeOffset SetAt);
