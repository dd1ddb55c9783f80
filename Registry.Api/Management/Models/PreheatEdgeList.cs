namespace Registry.Api.Management.Models;

internal sealed record PreheatEdgeList(IReadOnlyList<PreheatEdgeModel> Edges);
