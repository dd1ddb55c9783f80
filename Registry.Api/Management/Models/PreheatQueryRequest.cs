namespace Registry.Api.Management.Models;

/// <summary>The tags to preheat as a catalog query: <c>namespace</c>, <c>repository</c>, <c>tag</c> glob (docs/catalog.md).</summary>
internal sealed record PreheatQueryRequest(string? Namespace, string? Repository, string? Tag);
