namespace Registry.Core.Changes;

/// <summary>
/// Where the application services announce what they changed, once the change is stored. Every reader of changes
/// (audit, webhooks, lineage) is an <see cref="IChangeListener"/> of this one feed.
/// </summary>
public interface IChangeFeed
{
    ValueTask PublishAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken ct);
}
