namespace Registry.Core.Preheat;

/// <summary>The port to the edges: asks one edge's docker remote to prefetch an image (the host implements it over HTTP).</summary>
public interface IPreheatEdges
{
    /// <summary>Asks <paramref name="edge"/> to prefetch <paramref name="repository"/>:<paramref name="reference"/>; failures are results, not exceptions.</summary>
    Task<PreheatEdgeResult> PrefetchAsync(PreheatEdge edge, string repository, string reference, IReadOnlyList<string> platforms, CancellationToken ct);
}
