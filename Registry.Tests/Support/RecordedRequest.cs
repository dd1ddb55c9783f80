namespace Registry.Tests.Support;

/// <summary>One request a <see cref="RecordingProxy"/> forwarded: what was asked, with every header, and the status it got.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, int Status)
{
    /// <summary>A presigned URL: the signature travels in the query, not in an Authorization header.</summary>
    public bool IsPresigned => Query.Contains("X-Amz-Signature=", StringComparison.OrdinalIgnoreCase);

    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;

    public override string ToString() => $"{Method} {Path}{(IsPresigned ? " (presigned)" : string.Empty)} -> {Status} [{string.Join("; ", Headers.Select(h => $"{h.Key}: {h.Value}"))}]";
}
