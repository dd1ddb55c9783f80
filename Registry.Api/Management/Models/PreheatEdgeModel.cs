using Registry.Core.Preheat;

namespace Registry.Api.Management.Models;

/// <summary>An edge as the API shows it: never its password, only whether one is stored.</summary>
internal sealed record PreheatEdgeModel(string Name, string Url, string RemoteKey, string? Username, bool HasPassword, DateTimeOffset CreatedAt, string CreatedBy)
{
    public static PreheatEdgeModel From(PreheatEdge edge)
        => new(edge.Name, edge.Url.AbsoluteUri, edge.RemoteKey, edge.Username, edge.HasPassword, edge.CreatedAt, edge.CreatedBy);
}
