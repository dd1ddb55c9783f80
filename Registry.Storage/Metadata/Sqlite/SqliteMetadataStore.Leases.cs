namespace Registry.Storage.Metadata.Sqlite;

internal sealed partial class SqliteMetadataStore
{
    public ValueTask<bool> TryAcquireLeaseAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        long now = NowMs();
        return WriteAsync((c, tx) => c.Execute(MetadataSql.AcquireLease,
            new { Name = name, Holder = holder, Until = now + (long)duration.TotalMilliseconds, Now = now }, tx) > 0, ct);
    }

    public async ValueTask ReleaseLeaseAsync(string name, string holder, CancellationToken ct)
        => await WriteAsync((c, tx) => c.Execute(MetadataSql.ReleaseLease, new { Name = name, Holder = holder }, tx), ct);
}
