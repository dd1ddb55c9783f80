using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using Registry.Api.Upstream;
using Registry.Core.Artifacts;
using Registry.Core.Storage;

namespace Registry.Api.Artifacts;

/// <summary>
/// Fetches a file of a maven or generic remote repository from its upstream (<c>{url}/{path}</c>), once per node
/// however many clients ask at the same time: the bytes stream into the blob store while they are hashed, are
/// checked against the checksum the upstream offers (<c>X-Checksum-Sha256</c>/<c>-Sha1</c> headers, else the
/// <c>.sha1</c> or <c>.sha256</c> file beside it) and only then recorded (<see cref="ArtifactService.CacheAsync"/>),
/// so a file that fails verification is never stored nor served. The fetch runs on its own, not cancelled when the
/// client that started it goes away. Upstream 404s are remembered (<see cref="RemoteMisses"/>).
/// </summary>
internal sealed class RemoteFetcher(
    UpstreamClient upstream,
    IArtifactStore store,
    ArtifactService artifacts,
    IBlobStore blobs,
    Gc.BlobPins pins,
    RemoteMisses misses,
    IHostApplicationLifetime lifetime,
    ILogger<RemoteFetcher> logger)
{
    /// <summary>The most a checksum companion file (<c>.sha1</c>, <c>.sha256</c>) may hold: a hex digest and perhaps a file name.</summary>
    private const int MaxCompanionBytes = 1024;

    private static readonly (string Suffix, ChecksumKind Kind)[] Companions = [(".sha1", ChecksumKind.Sha1), (".sha256", ChecksumKind.Sha256)];
    private readonly ConcurrentDictionary<string, Lazy<Task<RemoteFetch>>> _flights = new(StringComparer.Ordinal);

    /// <summary>Fetches the file (or joins the fetch in progress); <paramref name="ct"/> ends only this caller's wait.</summary>
    public Task<RemoteFetch> FetchAsync(ArtifactRepository remote, string path, CancellationToken ct)
        => FetchAsync(remote, path, FileUri(remote.Remote!, path), expected: null, ct);

    /// <summary>
    /// Fetches <paramref name="source"/> into the remote's cache at <paramref name="path"/> (or joins the fetch in
    /// progress), as npm, PyPI and NuGet remotes do: their upstream's URLs (a tarball's, an index page's) are not
    /// <c>{url}/{path}</c>. With <paramref name="expected"/> (the checksum the upstream's index gives) the bytes must
    /// have it; without, the upstream's checksum headers are checked when it sends them.
    /// </summary>
    public async Task<RemoteFetch> FetchAsync(ArtifactRepository remote, string path, Uri source, (ChecksumKind Kind, string Value)? expected, CancellationToken ct)
    {
        if (misses.IsMissing(remote.Key, path))
        {
            return RemoteFetch.Missing(NotFoundMessage(remote, path));
        }

        string key = remote.Key + "\n" + path;
        var flight = new Lazy<Task<RemoteFetch>>(() => RunAsync(key, remote, path, source, expected));
        Lazy<Task<RemoteFetch>> joined = _flights.GetOrAdd(key, flight);
        return await joined.Value.WaitAsync(ct);
    }

    private async Task<RemoteFetch> RunAsync(string key, ArtifactRepository remote, string path, Uri source, (ChecksumKind Kind, string Value)? expected)
    {
        try
        {
            return await FetchOnceAsync(remote, path, source, expected, lifetime.ApplicationStopping);
        }
        finally
        {
            _flights.TryRemove(key, out _);
        }
    }

    private async Task<RemoteFetch> FetchOnceAsync(ArtifactRepository remote, string path, Uri uri, (ChecksumKind Kind, string Value)? expected, CancellationToken ct)
    {
        RemoteSource source = remote.Remote!;
        bool packages = Core.Packages.PackageLayout.IsPackageType(remote.Type);
        try
        {
            using HttpResponseMessage response = await upstream.SendAsync(source, HttpMethod.Get, uri, null, ct);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                misses.Remember(remote.Key, path, source.MissedRetrievalCachePeriodSecs);
                return RemoteFetch.Missing(NotFoundMessage(remote, path));
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                return Unreachable(remote, uri, $"it answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (!response.IsSuccessStatusCode)
            {
                ArtifactLog.UpstreamRefused(logger, remote.Key, uri.GetLeftPart(UriPartial.Path), (int)response.StatusCode);
                return RemoteFetch.Refused($"the upstream of remote repository '{remote.Key}' answered {(int)response.StatusCode} {response.ReasonPhrase} for {uri.GetLeftPart(UriPartial.Path)}");
            }

            (ChecksumKind Kind, string Value)? offered = expected ?? HeaderChecksum(response);
            await using IUploadSession session = await blobs.StartUploadAsync(ct);
            try
            {
                ArtifactChecksums content;
                await using (Stream body = await response.Content.ReadAsStreamAsync(ct))
                {
                    PipeReader pipe = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 1 << 16, leaveOpen: true));
                    using var hashing = new HashingPipeReader(pipe);
                    await session.AppendAsync(hashing, ct);
                    content = hashing.Finish();
                    await pipe.CompleteAsync();
                }

                if (!packages)
                {
                    offered ??= await CompanionChecksumAsync(source, path, ct);
                }

                if (offered is { } wanted && content.Get(wanted.Kind) != wanted.Value)
                {
                    await session.CancelAsync(ct);
                    string kind = wanted.Kind.ToString().ToUpperInvariant();
                    ArtifactLog.UpstreamChecksumMismatch(logger, remote.Key, path, kind, wanted.Value, content.Get(wanted.Kind));
                    return RemoteFetch.Refused($"the upstream of remote repository '{remote.Key}' sent '{path}' with {kind} {content.Get(wanted.Kind)}, but its checksum says {wanted.Value}; nothing was cached, the next request fetches it again");
                }

                if (!await pins.PinForWriteAsync(content.Digest, ct))
                {
                    await session.CancelAsync(ct);
                    return Unreachable(remote, uri, $"content {content.Digest} is being garbage-collected");
                }

                CommitResult committed = await session.CommitAsync(content.Digest, ct);
                if (committed.Status != CommitStatus.Committed)
                {
                    await session.CancelAsync(ct);
                    throw new InvalidOperationException($"upload session hashed {committed.Actual}, the fetch pipe {content.Digest}");
                }

                ArtifactDeployResult recorded = await artifacts.CacheAsync(remote, path, content, ArtifactMimeTypes.For(path[(path.LastIndexOf('/') + 1)..]), ct);
                if (!recorded.Succeeded)
                {
                    return RemoteFetch.Refused(recorded.Message ?? $"'{path}' could not be cached ({recorded.Status})");
                }

                ArtifactLog.Fetched(logger, remote.Key, path, content.Size);
                return RemoteFetch.Stored((await store.GetFileAsync(remote.Key, path, ct))!);
            }
            catch
            {
                await session.CancelAsync(CancellationToken.None);
                throw;
            }
        }
        catch (Exception e) when (IsUnreachable(e, ct))
        {
            return Unreachable(remote, uri, e.Message);
        }
    }

    /// <summary>The checksum in the <c>.sha1</c> (else <c>.sha256</c>) file beside the path, or null when the upstream has none.</summary>
    private async Task<(ChecksumKind, string)?> CompanionChecksumAsync(RemoteSource source, string path, CancellationToken ct)
    {
        foreach ((string suffix, ChecksumKind kind) in Companions)
        {
            using HttpResponseMessage response = await upstream.SendAsync(source, HttpMethod.Get, FileUri(source, path + suffix), null, ct);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxCompanionBytes
                || await ReadCompanionAsync(response, ct) is not { } text)
            {
                continue;
            }

            string value = text.Trim().Split([' ', '\t', '\r', '\n'], 2)[0];
            if (ArtifactChecksums.IsWellFormed(kind, value))
            {
                return (kind, value.ToLowerInvariant());
            }
        }

        return null;
    }

    /// <summary>
    /// The companion file's text, read only up to <see cref="MaxCompanionBytes"/>: a body without a length (chunked)
    /// is read no further, and one longer than that is no checksum file (null).
    /// </summary>
    private static async Task<string?> ReadCompanionAsync(HttpResponseMessage response, CancellationToken ct)
    {
        byte[] buffer = new byte[MaxCompanionBytes + 1];
        await using Stream body = await response.Content.ReadAsStreamAsync(ct);
        int length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }

        return length > MaxCompanionBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static (ChecksumKind, string)? HeaderChecksum(HttpResponseMessage response)
    {
        foreach ((string header, ChecksumKind kind) in (ReadOnlySpan<(string, ChecksumKind)>)[(ChecksumHeaders.Sha256Header, ChecksumKind.Sha256), (ChecksumHeaders.Sha1Header, ChecksumKind.Sha1)])
        {
            if (response.Headers.TryGetValues(header, out IEnumerable<string>? values) && values.FirstOrDefault()?.Trim() is { } value
                && ArtifactChecksums.IsWellFormed(kind, value))
            {
                return (kind, value.ToLowerInvariant());
            }
        }

        return null;
    }

    /// <summary><c>{url}/{path}</c> with each path segment escaped, whether or not the URL ends with a slash.</summary>
    public static Uri FileUri(RemoteSource source, string path)
    {
        string baseUrl = source.Url.AbsoluteUri;
        return new Uri((baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/") + ArtifactServices.Escape(path));
    }

    private RemoteFetch Unreachable(ArtifactRepository remote, Uri uri, string reason)
    {
        ArtifactLog.UpstreamUnreachable(logger, remote.Key, uri.GetLeftPart(UriPartial.Path), reason);
        return RemoteFetch.Unreachable($"the upstream of remote repository '{remote.Key}' ({remote.Remote!.Url}) is unreachable: {reason}");
    }

    private static bool IsUnreachable(Exception e, CancellationToken ct)
        => e is HttpRequestException or IOException or TimeoutException or Polly.ExecutionRejectedException
            || (e is OperationCanceledException && !ct.IsCancellationRequested);

    private static string NotFoundMessage(ArtifactRepository remote, string path)
        => $"'{remote.Key}/{path}' does not exist: its upstream {remote.Remote!.Url} has no such file";
}
