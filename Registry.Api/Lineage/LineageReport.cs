namespace Registry.Api.Lineage;

/// <summary><c>GET /api/v1/lineage?base=repo:tag</c>: the base tag, where it points now, and the images built on it.</summary>
internal sealed record LineageReport(string Base, string? CurrentDigest, IReadOnlyList<string> HistoricDigests, IReadOnlyList<LineageImage> Images);
