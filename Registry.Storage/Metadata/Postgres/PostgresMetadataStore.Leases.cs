namespace Registry.Storage.Metadata.Postgres;

internal sealed partial class PostgresMetadataStore
{
    /// <summary>Expiry is judged by this node's clock (<see cref="TimeProvider"/>), so nodes' clocks should agree (NTP).</summary>
    public ValueTask<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync(async (c, tx) => await c.ExecuteAsync(Command(MetadataSql.AcquireLease,
            new { Name = name, Holder = holder, Until = now + (long)duration.TotalMilliseconds, Now = now }, tx, ct)) > 0, ct);
    }

    public async ValueTask ReleaseLeaseAsync(string name, string holder, CancellationToken ct)
        => await WriteAsync((c, tx) => c.ExecuteAsync(Command(MetadataSql.ReleaseLease, new { Name = name, Holder = holder }, tx, ct)), ct);
}
