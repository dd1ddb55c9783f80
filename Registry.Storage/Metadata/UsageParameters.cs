using Registry.Core.Usage;

namespace Registry.Storage.Metadata;

/// <summary>Query parameters and rows the usage statements of both backends share.</summary>
internal static class UsageParameters
{
    /// <summary>The namespace, and the name range of its repositories: "ns/" up to "ns0" ('0' follows '/').</summary>
    public static object Namespace(string ns, bool all = false) => new { Ns = ns, Prefix = ns + "/", Upper = ns + "0", All = all };

    public sealed record UsageRow(long Blobs, long Bytes)
    {
        public StorageUsage ToUsage() => new(Bytes, Blobs);
    }

    public sealed record RepositoryRow(string Repository, long Bytes, long Blobs)
    {
        public RepositoryUsage ToUsage() => new(Repository, Bytes, Blobs);
    }

    public sealed record QuotaRow(string Namespace, long Bytes, string SetBy, long SetAt)
    {
        public NamespaceQuota ToQuota() => new(Namespace, Bytes, SetBy, DateTimeOffset.FromUnixTimeMilliseconds(SetAt));
    }
}
