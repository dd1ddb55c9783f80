using Registry.Core.Primitives;

namespace Registry.Core.Storage;

/// <summary>
/// Implemented by blob stores whose blobs are local files, so the HTTP layer can hand the file to the server's
/// file-sending path instead of copying through a stream.
/// </summary>
public interface ILocalBlobFiles
{
    /// <summary>The path of the blob's file, or null when the blob is absent.</summary>
    string? GetFilePath(Digest digest);
}
