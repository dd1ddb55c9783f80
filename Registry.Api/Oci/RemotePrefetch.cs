using System.Collections.Concurrent;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Api.Oci;

/// <summary>
/// Fills a docker remote's cache ahead of the clients (an edge preheated before a rollout): the manifest a tag or
/// digest names, for an index its child manifests of the chosen platforms (all when none are chosen), and every blob
/// they reference, through the same paths a pull takes (<see cref="RemoteManifests"/>, and <see cref="RemoteBlobs"/>'s
/// single flight, so a pull racing the prefetch shares its download). No bytes go to the caller; the answer counts
/// what was fetched and what was cached already.
/// </summary>
internal sealed class RemotePrefetch(RemoteManifests manifests, RemoteBlobs blobs, OciServices services)
{
    /// <summary>How many blobs of one prefetch download at once.</summary>
    private const int Parallelism = 4;

    /// <summary>Indexes nest at most this deep (an index of indexes); deeper ones are not followed.</summary>
    private const int MaxDepth = 3;

    /// <summary>The summary, or null with the failure when the manifest <paramref name="reference"/> names could not be fetched.</summary>
    public async Task<(PrefetchSummary? Summary, RemoteFetch Failure)> RunAsync(
        RemoteTarget target, Reference reference, IReadOnlyList<PrefetchPlatform> platforms, CancellationToken ct)
    {
        var run = new Run(target, platforms);
        (ManifestRecord? top, RemoteFetch fetch) = await ManifestAsync(run, reference, ct);
        if (top is null)
        {
            return (null, fetch);
        }

        await WalkAsync(run, top, 0, ct);
        await Parallel.ForEachAsync(
            run.Blobs.Keys.Order(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (digest, token) => await BlobAsync(run, run.Blobs[digest], token));
        return (new PrefetchSummary(
            target.Local.Value, top.Digest.Value, run.ManifestsFetched, run.ManifestsCached, run.BlobsFetched, run.BlobsCached,
            Interlocked.Read(ref run.BytesFetched), [.. run.Failures.OrderBy(f => f.Reference, StringComparer.Ordinal)]), fetch);
    }

    /// <summary>Brings one manifest into the cache, counting whether the upstream was asked for its bytes.</summary>
    private async Task<(ManifestRecord? Record, RemoteFetch Fetch)> ManifestAsync(Run run, Reference reference, CancellationToken ct)
    {
        ManifestRecord? before = await FindAsync(run.Target, reference, ct);
        RemoteFetch fetch = await manifests.EnsureAsync(run.Target, reference, ct);
        ManifestRecord? after = fetch.CanServe ? await FindAsync(run.Target, reference, ct) : null;
        if (after is null)
        {
            return (null, fetch.CanServe ? new RemoteFetch(RemoteFetchStatus.NotFound) : fetch);
        }

        if (before is not null && before.Digest == after.Digest)
        {
            run.ManifestsCached++;
        }
        else
        {
            run.ManifestsFetched++;
        }

        return (after, fetch);
    }

    private async Task<ManifestRecord?> FindAsync(RemoteTarget target, Reference reference, CancellationToken ct)
        => reference.IsDigest
            ? await services.Metadata.GetManifestAsync(target.Local, reference.Digest, ct)
            : await services.Metadata.ResolveTagAsync(target.Local, reference.Tag!, ct);

    /// <summary>Collects the blobs of an image manifest; fetches an index's chosen children and collects theirs.</summary>
    private async Task WalkAsync(Run run, ManifestRecord manifest, int depth, CancellationToken ct)
    {
        byte[]? content = await ManifestGetHandler.LoadAsync(manifest, services, ct);
        ParsedManifest? parsed = content is null ? null : ManifestParser.Parse(content, manifest.MediaType).Manifest;
        if (parsed is null)
        {
            run.Failures.Add(new PrefetchFailure("manifest", manifest.Digest.Value, "invalid", "the cached manifest could not be read"));
            return;
        }

        foreach (ManifestDependency dependency in parsed.Dependencies())
        {
            if (dependency.Kind == DependencyKind.Blob)
            {
                run.Blobs.TryAdd(dependency.Digest.Value, dependency.Digest);
            }
        }

        if (parsed.Kind != ManifestKind.Index || depth >= MaxDepth)
        {
            return;
        }

        foreach (Descriptor child in parsed.Manifests)
        {
            if (run.Platforms.Count > 0 && child.Platform is not null && !run.Platforms.Any(p => p.Matches(child.Platform)))
            {
                continue;
            }

            if (run.Platforms.Count > 0 && child.Platform is null && !IsIndex(child.MediaType))
            {
                continue;
            }

            if (!run.Seen.Add(child.Digest.Value))
            {
                continue;
            }

            (ManifestRecord? record, RemoteFetch fetch) = await ManifestAsync(run, Reference.ForDigest(child.Digest), ct);
            if (record is null)
            {
                run.Failures.Add(Failure("manifest", child.Digest.Value, fetch));
                continue;
            }

            await WalkAsync(run, record, depth + 1, ct);
        }
    }

    private async Task BlobAsync(Run run, Digest digest, CancellationToken ct)
    {
        (RemoteFetch fetch, long fetched) = await blobs.PrefetchAsync(run.Target, digest, ct);
        if (fetch.Status != RemoteFetchStatus.Cached)
        {
            run.Failures.Add(Failure("blob", digest.Value, fetch));
        }
        else if (fetched > 0)
        {
            Interlocked.Increment(ref run.BlobsFetchedCount);
            Interlocked.Add(ref run.BytesFetched, fetched);
        }
        else
        {
            Interlocked.Increment(ref run.BlobsCachedCount);
        }
    }

    private static bool IsIndex(string mediaType) => mediaType is MediaTypes.OciImageIndex or MediaTypes.DockerManifestList;

    private static PrefetchFailure Failure(string kind, string reference, RemoteFetch fetch)
        => new(kind, reference, fetch.Status.ToString().ToLowerInvariant(), fetch.Detail ?? Describe(fetch.Status));

    private static string Describe(RemoteFetchStatus status) => status switch
    {
        RemoteFetchStatus.NotFound => "the upstream does not have it",
        RemoteFetchStatus.RateLimited => "the upstream is rate-limiting this registry",
        RemoteFetchStatus.Invalid => "the upstream sent invalid content",
        _ => "the upstream is unreachable",
    };

    /// <summary>The state of one prefetch.</summary>
    private sealed class Run(RemoteTarget target, IReadOnlyList<PrefetchPlatform> platforms)
    {
        public RemoteTarget Target => target;

        public IReadOnlyList<PrefetchPlatform> Platforms => platforms;

        public Dictionary<string, Digest> Blobs { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<PrefetchFailure> Failures { get; } = [];

        public int ManifestsFetched { get; set; }

        public int ManifestsCached { get; set; }

        public int BlobsFetched => Volatile.Read(ref BlobsFetchedCount);

        public int BlobsCached => Volatile.Read(ref BlobsCachedCount);

#pragma warning disable SA1401 // counted with Interlocked by the parallel blob fetches
        public int BlobsFetchedCount;
        public int BlobsCachedCount;
        public long BytesFetched;
#pragma warning restore SA1401
    }
}
