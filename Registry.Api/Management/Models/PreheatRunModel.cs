using Registry.Core.Preheat;

namespace Registry.Api.Management.Models;

/// <summary>What a preheat came to: every edge's answer, and whether all of them cached the image.</summary>
internal sealed record PreheatRunModel(string Repository, string Reference, bool Succeeded, IReadOnlyList<PreheatEdgeResult> Edges)
{
    public static PreheatRunModel From(PreheatRan ran) => new(ran.Repository, ran.Reference, ran.Succeeded, ran.Results);
}
