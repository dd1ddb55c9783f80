namespace Registry.Tests.Support;

/// <summary>A fresh directory under /tmp that is removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    private TempDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>
    /// Creates a directory with a short, lowercase path: unix socket paths inside it must stay under 108 bytes,
    /// and podman turns an oci: layout's path into an image name, which must be lowercase.
    /// </summary>
    public static TempDirectory Create(string prefix)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix.ToLowerInvariant() + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        return new TempDirectory(path);
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose() => DeleteQuietly(Path);

    public static void DeleteQuietly(string path)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }
    }
}
