namespace Registry.Core.Usage;

/// <summary>Bytes and distinct blobs (layers, configs and manifest bytes) that manifests of a repository or namespace use.</summary>
public sealed record StorageUsage(long Bytes, long Blobs)
{
    public static readonly StorageUsage None = new(0, 0);
}
