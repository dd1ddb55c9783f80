namespace Registry.Core.Changes;

public static class ChangeFeedExtensions
{
    /// <summary>
    /// Records <paramref name="changes"/> that were made before this call (their own transaction is already
    /// committed): the records are stored in a transaction of their own. Prefer <see cref="IChangeFeed.RecordAsync{T}"/>,
    /// which stores the change and its records together.
    /// </summary>
    public static async ValueTask PublishAsync(this IChangeFeed feed, IReadOnlyList<ChangeRecord> changes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(feed);
        await feed.RecordAsync(_ => ValueTask.FromResult(changes), c => c, ct).ConfigureAwait(false);
    }
}
