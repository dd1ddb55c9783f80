using Registry.Core.Preheat;

namespace Registry.Storage.Metadata.Preheat;

/// <summary>Rows and parameters of the preheat statements of both backends. A rule's edges are kept comma-separated (edge names hold no comma).</summary>
internal static class PreheatRows
{
    public static object Edge(PreheatEdge edge) => new
    {
        edge.Name,
        Url = edge.Url.AbsoluteUri,
        edge.RemoteKey,
        edge.Username,
        Password = edge.ProtectedPassword,
        CreatedAt = edge.CreatedAt.ToUnixTimeMilliseconds(),
        edge.CreatedBy,
    };

    public static object Rule(PreheatRule rule) => new
    {
        rule.Name,
        rule.Repository,
        rule.TagPattern,
        Edges = string.Join(',', rule.Edges),
        CreatedAt = rule.CreatedAt.ToUnixTimeMilliseconds(),
        rule.CreatedBy,
    };

    /// <summary>Settable properties, so Dapper maps both backends' column types alike.</summary>
    public sealed class EdgeRow
    {
        public string Name { get; init; } = string.Empty;

        public string Url { get; init; } = string.Empty;

        public string RemoteKey { get; init; } = string.Empty;

        public string? Username { get; init; }

        public string? Password { get; init; }

        public long CreatedAt { get; init; }

        public string CreatedBy { get; init; } = string.Empty;

        public PreheatEdge ToEdge() => new(Name, new Uri(Url), RemoteKey, Username, Password, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), CreatedBy);
    }

    public sealed class RuleRow
    {
        public string Name { get; init; } = string.Empty;

        public string Repository { get; init; } = string.Empty;

        public string TagPattern { get; init; } = string.Empty;

        public string Edges { get; init; } = string.Empty;

        public long CreatedAt { get; init; }

        public string CreatedBy { get; init; } = string.Empty;

        public PreheatRule ToRule() => new(Name, Repository, TagPattern, Edges.Split(',', StringSplitOptions.RemoveEmptyEntries),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt), CreatedBy);
    }
}
