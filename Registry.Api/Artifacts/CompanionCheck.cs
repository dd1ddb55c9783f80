using Registry.Core.Artifacts;

namespace Registry.Api.Artifacts;

/// <summary>
/// An uploaded checksum companion (<c>x.jar.sha1</c>) of a file the registry holds: the registry keeps every
/// file's checksums itself, so the upload is compared with them (201 when equal, 409 otherwise) and not stored.
/// </summary>
internal static class CompanionCheck
{
    private const int MaxBytes = 1024;

    public static async Task<IResult> VerifyAsync(HttpContext context, ArtifactFile target, ChecksumKind kind)
    {
        string? text = await ReadSmallAsync(context.Request.Body, context.RequestAborted);
        if (text is null)
        {
            return ArtifactResults.BadRequest($"a checksum file is at most {MaxBytes} bytes");
        }

        // "hex" or "hex  file-name" (sha1sum style).
        string sent = text.Trim().Split([' ', '\t', '\r', '\n'], 2)[0].ToLowerInvariant();
        string expected = target.Content.Get(kind);
        return sent == expected
            ? Results.Json(new { repo = target.Repository, path = "/" + target.Path + Suffix(kind), checksum = expected }, statusCode: StatusCodes.Status201Created)
            : ArtifactResults.Conflict($"Checksum mismatch: '{target.Path}' has {kind.ToString().ToUpperInvariant()} {expected}, the uploaded checksum file says '{sent}'");
    }

    public static string Suffix(ChecksumKind kind) => kind switch
    {
        ChecksumKind.Sha256 => ".sha256",
        ChecksumKind.Sha1 => ".sha1",
        _ => ".md5",
    };

    private static async Task<string?> ReadSmallAsync(Stream body, CancellationToken ct)
    {
        byte[] buffer = new byte[MaxBytes + 1];
        int total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(total), ct)) > 0)
        {
            total += read;
        }

        return total > MaxBytes ? null : System.Text.Encoding.ASCII.GetString(buffer, 0, total);
    }
}
