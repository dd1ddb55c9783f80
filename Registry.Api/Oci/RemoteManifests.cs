using System.IO.Pipelines;
using System.Net;
using Registry.Api.Upstream;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// Brings a docker remote's manifest into its cache repository when a client asks for it: a manifest by digest is
/// fetched once and never asked again; a tag is revalidated with a <c>HEAD</c> once its
/// <c>RetrievalCachePeriodSecs</c> ran out, and fetched again when the upstream moved it (the local tag moves too, a
/// <c>TagPointed</c> change). An upstream that fails leaves a cached tag served as stale. What is stored goes
/// through <see cref="Core.Content.ManifestService"/> as <c>remote:&lt;key&gt;</c>, marked
/// <see cref="ManifestWrite.FromUpstream"/>: the blobs and child manifests it names are fetched when asked for.
/// </summary>
internal sealed class RemoteManifests(UpstreamClient upstream, RemoteFreshness freshness, OciServices services, ILogger<RemoteManifests> logger)
{
    /// <summary>What a manifest request to an upstream accepts: every manifest type this registry stores.</summary>
    private static readonly string[] Accepted =
        [MediaTypes.OciImageIndex, MediaTypes.OciImageManifest, MediaTypes.DockerManifestList, MediaTypes.DockerManifest];

    public async ValueTask<RemoteFetch> EnsureAsync(RemoteTarget target, Reference reference, CancellationToken ct)
    {
        string text = reference.IsDigest ? reference.Digest.Value : reference.Tag!.Value;
        ManifestRecord? cached = reference.IsDigest
            ? await services.Metadata.GetManifestAsync(target.Local, reference.Digest, ct)
            : await services.Metadata.ResolveTagAsync(target.Local, reference.Tag!, ct);
        if (cached is not null && (reference.IsDigest || target.Remote.Offline || freshness.IsFresh(target, text)))
        {
            return RemoteFetch.Cached;
        }

        if (target.Remote.Offline)
        {
            return new RemoteFetch(RemoteFetchStatus.NotFound, "the remote is offline");
        }

        if (cached is null && freshness.IsMissed(target, text))
        {
            return new RemoteFetch(RemoteFetchStatus.NotFound, "the upstream did not have it when last asked");
        }

        try
        {
            if (cached is not null && await UpstreamDigestAsync(target, text, ct) == cached.Digest)
            {
                freshness.Validated(target, text);
                return RemoteFetch.Cached;
            }

            return await FetchAsync(target, reference, text, cached is not null, ct);
        }
        catch (Exception e) when (RemoteFailures.IsUpstreamFailure(e, ct))
        {
            RemoteLog.UpstreamFailed(logger, target.Repository.Key, target.UpstreamName, text, e.Message);
            return cached is not null ? new RemoteFetch(RemoteFetchStatus.Stale) : new RemoteFetch(RemoteFetchStatus.Unreachable, e.Message);
        }
    }

    /// <summary>The digest the upstream's tag points at now, from a <c>HEAD</c>; null when it did not say.</summary>
    private async Task<Digest?> UpstreamDigestAsync(RemoteTarget target, string tag, CancellationToken ct)
    {
        using HttpResponseMessage response = await upstream.SendAsync(target.Remote, HttpMethod.Head, target.UpstreamUri("manifests/" + tag), AcceptManifests, ct);
        return response.IsSuccessStatusCode
            && response.Headers.TryGetValues(OciHeaders.ContentDigest, out IEnumerable<string>? values)
            && Digest.TryParse(values.FirstOrDefault(), out Digest digest, out _)
            ? digest
            : null;
    }

    private async Task<RemoteFetch> FetchAsync(RemoteTarget target, Reference reference, string text, bool haveCached, CancellationToken ct)
    {
        using HttpResponseMessage response = await upstream.SendAsync(target.Remote, HttpMethod.Get, target.UpstreamUri("manifests/" + text), AcceptManifests, ct);
        if (!response.IsSuccessStatusCode)
        {
            RemoteFetch failed = RemoteFailures.Of(response);
            if (failed.Status == RemoteFetchStatus.NotFound)
            {
                freshness.Missed(target, text);
            }

            RemoteLog.UpstreamAnswered(logger, target.Repository.Key, target.UpstreamName, text, (int)response.StatusCode);
            return haveCached ? new RemoteFetch(failed.Status == RemoteFetchStatus.NotFound ? RemoteFetchStatus.Cached : RemoteFetchStatus.Stale) : failed;
        }

        int maxBytes = services.ManifestSettings.MaxBytes;
        await using Stream body = await response.Content.ReadAsStreamAsync(ct);
        byte[]? content = response.Content.Headers.ContentLength > maxBytes ? null : await CappedBody.ReadAsync(PipeReader.Create(body), maxBytes, ct);
        if (content is null)
        {
            return new RemoteFetch(RemoteFetchStatus.Invalid, $"the manifest is larger than the limit of {maxBytes} bytes");
        }

        Digest digest = Digest.Compute(reference.IsDigest ? reference.Digest.Algorithm : DigestAlgorithm.Sha256, content);
        if (reference.IsDigest && digest != reference.Digest)
        {
            return new RemoteFetch(RemoteFetchStatus.Invalid, $"the manifest hashes to {digest}, not {reference.Digest}");
        }

        ManifestParseResult parsed = ManifestParser.Parse(content, response.Content.Headers.ContentType?.MediaType);
        if (parsed.Manifest is not { } manifest)
        {
            return new RemoteFetch(RemoteFetchStatus.Invalid, parsed.Error);
        }

        RemoteFetch stored = await StoreAsync(target, digest, content, manifest, reference.Tag, ct);
        if (stored.Status == RemoteFetchStatus.Cached && !reference.IsDigest)
        {
            freshness.Validated(target, text);
        }

        return stored.Status == RemoteFetchStatus.Cached || !haveCached ? stored : new RemoteFetch(RemoteFetchStatus.Stale);
    }

    private async Task<RemoteFetch> StoreAsync(RemoteTarget target, Digest digest, byte[] content, ParsedManifest manifest, TagName? tag, CancellationToken ct)
    {
        ManifestWrite write = ManifestWrite.From(digest, content.Length, manifest) with { FromUpstream = true };
        if (await services.Metadata.GetManifestAsync(target.Local, digest, ct) is null)
        {
            if (!await services.Pins.PinForWriteAsync(digest, ct))
            {
                return new RemoteFetch(RemoteFetchStatus.Unreachable, $"manifest {digest} is being garbage-collected; retry");
            }

            await services.Blobs.PutAsync(digest, content, ct);
        }

        PutManifestResult result = await services.Manifests.PutAsync(target.Actor, target.Local, write, manifest, tag, null, ct);
        if (result.Status != PutManifestStatus.Stored)
        {
            string why = result.Violation is not null ? "a tag protection rule refuses the tag"
                : result.OverQuota is not null ? "the cache repository's namespace is over its quota"
                : $"it was refused ({result.Status})";
            RemoteLog.CacheRefused(logger, target.Repository.Key, target.Local.Value, digest.Value, why);
            return new RemoteFetch(RemoteFetchStatus.Unreachable, $"the manifest could not be cached: {why}");
        }

        services.ManifestCache.Set(digest, content);
        return RemoteFetch.Cached;
    }

    private static void AcceptManifests(System.Net.Http.Headers.HttpRequestHeaders headers)
    {
        foreach (string type in Accepted)
        {
            headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue(type));
        }
    }
}
