namespace Registry.Core.Preheat;

/// <summary>
/// A catalog query naming the images to preheat, as <c>GET /api/v1/catalog</c> takes it (docs/catalog.md): a
/// <c>namespace</c> (and the names below it), one <c>repository</c>, and a <c>tag</c> glob; each optional.
/// </summary>
public sealed record PreheatQuery(string? Namespace, string? Repository, string? Tag);
