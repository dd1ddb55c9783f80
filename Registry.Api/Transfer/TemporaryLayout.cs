namespace Registry.Api.Transfer;

/// <summary>A directory under the system temporary directory that an uploaded layout is unpacked into, removed with everything in it when disposed.</summary>
internal sealed class TemporaryLayout : IDisposable
{
    public TemporaryLayout()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "registry-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary directory is the system's to clean.
        }
    }
}
