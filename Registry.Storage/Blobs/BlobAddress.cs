using Registry.Core.Primitives;

namespace Registry.Storage.Blobs;

/// <summary>Reads a digest back from the <c>&lt;alg&gt;/&lt;2 hex&gt;/&lt;hex&gt;</c> layout both blob stores share.</summary>
internal static class BlobAddress
{
    /// <summary>True when the three path segments are a valid digest stored at its own address.</summary>
    public static bool TryParse(ReadOnlySpan<char> algorithm, ReadOnlySpan<char> folder, ReadOnlySpan<char> hex, out Digest digest)
    {
        digest = default;
        return folder.Length == 2
            && hex.StartsWith(folder, StringComparison.Ordinal)
            && Digest.TryParse(string.Concat(algorithm, ":", hex), out digest);
    }

    /// <summary>Parses <c>alg/xx/hex</c> (the part of a key after the blobs folder).</summary>
    public static bool TryParse(ReadOnlySpan<char> relative, out Digest digest)
    {
        digest = default;
        int first = relative.IndexOf('/');
        if (first < 0)
        {
            return false;
        }

        ReadOnlySpan<char> rest = relative[(first + 1)..];
        int second = rest.IndexOf('/');
        return second >= 0 && TryParse(relative[..first], rest[..second], rest[(second + 1)..], out digest);
    }
}
