namespace Registry.Storage.Blobs.FileSystem;

public sealed class FileSystemBlobStoreOptions
{
    /// <summary>The data directory; blobs go under <c>blobs/</c>, upload sessions under <c>uploads/</c>.</summary>
    public string RootDirectory { get; set; } = "data";
}
