using Registry.Core.Storage;

namespace Registry.Storage.Metadata;

/// <summary>A repository found by <see cref="IOverviewStore.SearchRepositoriesAsync"/>, as both stores read it.</summary>
internal sealed record RepositorySummaryRow(string Name, long Tags, long? LastPushedAt)
{
    public RepositorySummary ToSummary()
        => new(Name, Tags, LastPushedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null);

    /// <summary>The query's parameters: an absent namespace or search becomes null, the cursor an empty name.</summary>
    public static object Parameters(RepositorySearch search) => new
    {
        Contains = string.IsNullOrEmpty(search.Contains) ? null : search.Contains,
        Ns = string.IsNullOrEmpty(search.Namespace) ? null : search.Namespace,
        Prefix = search.Namespace + "/",
        Upper = search.Namespace + "0",
        After = search.After ?? string.Empty,
        Before = search.Before ?? string.Empty,
        search.Limit,
    };
}
