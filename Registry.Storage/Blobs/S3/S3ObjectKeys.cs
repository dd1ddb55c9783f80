using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// The object layout: blobs at <c>&lt;prefix&gt;/blobs/&lt;alg&gt;/&lt;2 hex&gt;/&lt;hex&gt;</c>; everything of an upload
/// session under <c>&lt;prefix&gt;/uploads/&lt;id&gt;/</c> (its <c>session</c> record, <c>tail-*</c> objects and the
/// <c>data</c> object its multipart upload completes into).
/// </summary>
internal sealed class S3ObjectKeys
{
    private const string SessionName = "session";
    private const string DataName = "data";

    public S3ObjectKeys(string? prefix)
    {
        string trimmed = (prefix ?? string.Empty).Trim('/');
        Root = trimmed.Length == 0 ? string.Empty : trimmed + "/";
        UploadsPrefix = Root + "uploads/";
    }

    /// <summary>The prefix with a trailing slash, or empty.</summary>
    public string Root { get; }

    /// <summary>The prefix of every upload session's objects.</summary>
    public string UploadsPrefix { get; }

    public string Blob(Digest digest)
    {
        string hex = digest.Hex;
        return $"{Root}blobs/{digest.AlgorithmName}/{hex.AsSpan(0, 2)}/{hex}";
    }

    public string UploadFolder(UploadId id) => UploadsPrefix + id.Value + "/";

    public string Session(UploadId id) => UploadFolder(id) + SessionName;

    public string Data(UploadId id) => UploadFolder(id) + DataName;

    /// <summary>A tail object's key; every write gets a fresh name so that a record never points at a half-replaced tail.</summary>
    public string NewTail(UploadId id) => UploadFolder(id) + "tail-" + Guid.NewGuid().ToString("N");

    /// <summary>The session an object under <see cref="UploadsPrefix"/> belongs to.</summary>
    public bool TryParseUpload(string key, out UploadId id, out bool isSessionRecord)
    {
        id = default;
        isSessionRecord = false;
        if (!key.StartsWith(UploadsPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        ReadOnlySpan<char> rest = key.AsSpan(UploadsPrefix.Length);
        int slash = rest.IndexOf('/');
        if (slash < 0 || !UploadId.TryParse(rest[..slash].ToString(), out id))
        {
            return false;
        }

        isSessionRecord = rest[(slash + 1)..].SequenceEqual(SessionName);
        return true;
    }
}
