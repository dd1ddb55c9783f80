using System.IO.Pipelines;
using Registry.Core.Changes;
using Registry.Core.Manifests;
using Registry.Core.Primitives;
using Registry.Core.Storage;

namespace Registry.Core.Replication;

/// <summary>The content half of a pull: manifests (children and referrers first brought in) and blobs.</summary>
public sealed partial class ReplicationPullRunner
{
    private static readonly byte[] EmptyJson = "{}"u8.ToArray();

    /// <summary>
    /// Makes the manifest whose verified bytes are <paramref name="fetched"/> present in <paramref name="local"/> (when
    /// it is not): its platform manifests, then its blobs, then itself; then the referrers the source lists for it and
    /// for its platform manifests. The parsed manifest, or why it could not be brought in whole.
    /// </summary>
    private async ValueTask<(ParsedManifest? Parsed, string? Problem)> EnsureManifestAsync(
        Actor actor, IReplicationSource source, RepositoryName remote, RepositoryName local, Digest digest, SourceManifest fetched,
        PullProgress run, HashSet<string> visited, CancellationToken ct)
    {
        byte[] content = fetched.Content!;
        ManifestParseResult parse = ManifestParser.Parse(content, fetched.MediaType);
        if (parse.Manifest is not { } parsed)
        {
            return (null, $"manifest {digest.Value} from the source cannot be stored: {parse.Error}");
        }

        if (!visited.Add(digest.Value))
        {
            return (parsed, null);
        }

        if (await metadata.GetManifestAsync(local, digest, ct).ConfigureAwait(false) is null)
        {
            foreach (Descriptor child in parsed.Manifests)
            {
                if (await EnsureByDigestAsync(actor, source, remote, local, child.Digest, run, visited, ct).ConfigureAwait(false) is { } childProblem)
                {
                    return (null, $"platform manifest {child.Digest.Value}: {childProblem}");
                }
            }

            foreach (ManifestDependency dependency in parsed.Dependencies())
            {
                if (dependency.Kind == DependencyKind.Blob
                    && await EnsureBlobAsync(actor, source, remote, local, dependency, run, ct).ConfigureAwait(false) is { } blobProblem)
                {
                    return (null, $"blob {dependency.Digest.Value}: {blobProblem}");
                }
            }

            if (await StoreManifestAsync(actor, local, digest, content, parsed, ct).ConfigureAwait(false) is { } refused)
            {
                return (null, $"manifest {digest.Value}: {refused}");
            }
        }

        foreach (Digest subject in parsed.Manifests.Select(m => m.Digest).Prepend(digest))
        {
            foreach (Digest referrer in await source.ListReferrersAsync(remote, subject, ct).ConfigureAwait(false))
            {
                if (await EnsureByDigestAsync(actor, source, remote, local, referrer, run, visited, ct).ConfigureAwait(false) is { } referrerProblem)
                {
                    return (null, $"referrer {referrer.Value} of {subject.Value}: {referrerProblem}");
                }
            }
        }

        return (parsed, null);
    }

    /// <summary>A manifest named by digest (a platform manifest, a referrer): fetched and checked only when it is not here; its referrers in any case.</summary>
    private async ValueTask<string?> EnsureByDigestAsync(
        Actor actor, IReplicationSource source, RepositoryName remote, RepositoryName local, Digest digest, PullProgress run, HashSet<string> visited, CancellationToken ct)
    {
        if (visited.Contains(digest.Value))
        {
            return null;
        }

        if (await metadata.GetManifestAsync(local, digest, ct).ConfigureAwait(false) is not null)
        {
            // Present whole (a push checks every dependency); only referrers added at the source since can be new.
            visited.Add(digest.Value);
            foreach (Digest referrer in await source.ListReferrersAsync(remote, digest, ct).ConfigureAwait(false))
            {
                if (await EnsureByDigestAsync(actor, source, remote, local, referrer, run, visited, ct).ConfigureAwait(false) is { } problem)
                {
                    return $"referrer {referrer.Value}: {problem}";
                }
            }

            return null;
        }

        SourceManifest fetched = await source.GetManifestAsync(remote, digest.Value, ct).ConfigureAwait(false);
        (Digest? verified, string? bad) = Verify(fetched, digest);
        if (verified is null)
        {
            return bad;
        }

        (ParsedManifest? parsed, string? failure) = await EnsureManifestAsync(actor, source, remote, local, digest, fetched, run, visited, ct).ConfigureAwait(false);
        return parsed is null ? failure : null;
    }

    /// <summary>Stores verified manifest bytes by digest, as a push by digest does; null when stored, else the refusal.</summary>
    private async ValueTask<string?> StoreManifestAsync(Actor actor, RepositoryName local, Digest digest, byte[] content, ParsedManifest parsed, CancellationToken ct)
    {
        var write = ManifestWrite.From(digest, content.Length, parsed);
        PutManifestResult check = await manifests.CheckAsync(local, write, ct).ConfigureAwait(false);
        if (check.Status != PutManifestStatus.Stored)
        {
            return Refusal(check);
        }

        if (!await pins.PinForWriteAsync(digest, ct).ConfigureAwait(false))
        {
            return "it is being garbage-collected here; run again";
        }

        await blobs.PutAsync(digest, content, ct).ConfigureAwait(false);
        PutManifestResult stored = await manifests.PutAsync(actor, local, write, parsed, null, null, ct).ConfigureAwait(false);
        return stored.Status == PutManifestStatus.Stored ? null : Refusal(stored);
    }

    /// <summary>
    /// Links the blob into <paramref name="local"/>: nothing when it is linked there, linked when the blob store has
    /// it (another repository stored it), else fetched from the source; null when it is there now, else why not.
    /// </summary>
    private async ValueTask<string?> EnsureBlobAsync(
        Actor actor, IReplicationSource source, RepositoryName remote, RepositoryName local, ManifestDependency dependency, PullProgress run, CancellationToken ct)
    {
        Digest digest = dependency.Digest;
        if (await metadata.GetRepositoryBlobAsync(local, digest, ct).ConfigureAwait(false) is not null)
        {
            run.BlobsSkipped++;
            return null;
        }

        if (!await pins.PinForWriteAsync(digest, ct).ConfigureAwait(false))
        {
            return "it is being garbage-collected here; run again";
        }

        BlobInfo? blob = await blobs.StatAsync(digest, ct).ConfigureAwait(false);
        if (blob is not null)
        {
            run.BlobsMounted++;
        }
        else if (ParsedManifest.IsEmptyJsonDescriptor(digest, dependency.Size))
        {
            blob = await blobs.PutAsync(digest, EmptyJson, ct).ConfigureAwait(false);
        }
        else
        {
            (blob, string? problem) = await FetchBlobAsync(source, remote, digest, dependency.Size, ct).ConfigureAwait(false);
            if (blob is null)
            {
                return problem;
            }

            run.BlobsSent++;
            run.Bytes += blob.Size;
        }

        await links.LinkAsync(actor, local, blob, ct).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Streams the blob from the source into an upload session, hashed as it is written, at most <paramref name="size"/>
    /// bytes (the descriptor's); committed only when it hashes to <paramref name="digest"/>.
    /// </summary>
    private async ValueTask<(BlobInfo? Blob, string? Problem)> FetchBlobAsync(IReplicationSource source, RepositoryName remote, Digest digest, long size, CancellationToken ct)
    {
        SourceBlob fetched = await source.OpenBlobAsync(remote, digest, ct).ConfigureAwait(false);
        await using (fetched.ConfigureAwait(false))
        {
            if (fetched.Content is not { } content)
            {
                return (null, fetched.Problem ?? "the source has no such blob");
            }

            IUploadSession session = await blobs.StartUploadAsync(digest.Algorithm, ct).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                CommitResult commit;
                try
                {
                    PipeReader reader = PipeReader.Create(new LimitedReadStream(content, size, limit => new IOException($"the source sent more than the {limit} bytes the descriptor says"), leaveOpen: true), new StreamPipeReaderOptions(bufferSize: 256 * 1024, leaveOpen: true));
                    await session.AppendAsync(reader, ct).ConfigureAwait(false);
                    await reader.CompleteAsync().ConfigureAwait(false);
                    commit = await session.CommitAsync(digest, ct).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    await session.CancelAsync(CancellationToken.None).ConfigureAwait(false);
                    return (null, $"reading it from the source failed: {e.Message}");
                }
                catch
                {
                    await session.CancelAsync(CancellationToken.None).ConfigureAwait(false);
                    throw;
                }

                if (commit.Status == CommitStatus.Committed)
                {
                    return (commit.Blob, null);
                }

                await session.CancelAsync(CancellationToken.None).ConfigureAwait(false);
                return (null, $"the source's bytes hash to {commit.Actual.Value}, not {digest.Value}; nothing was stored");
            }
        }
    }

    /// <summary>What a pull run has done so far.</summary>
    private sealed class PullProgress
    {
        public List<ReplicationItem> Items { get; } = [];

        public int Copied { get; private set; }

        public int Skipped { get; private set; }

        public int Failed { get; private set; }

        /// <summary>Blobs fetched from the source.</summary>
        public int BlobsSent { get; set; }

        /// <summary>Blobs another local repository had, linked instead of fetched.</summary>
        public int BlobsMounted { get; set; }

        /// <summary>Blobs the local repository had.</summary>
        public int BlobsSkipped { get; set; }

        /// <summary>Blob bytes fetched.</summary>
        public long Bytes { get; set; }

        public void Add(ReplicationItem item)
        {
            Items.Add(item);
            switch (item.Outcome)
            {
                case ReplicationOutcome.Copied:
                    Copied++;
                    break;
                case ReplicationOutcome.Skipped:
                    Skipped++;
                    break;
                case ReplicationOutcome.Failed:
                    Failed++;
                    break;
                default:
                    // Deleted and Protected are counted from the items (ReplicationRun.Deleted, .Protected); neither is a failure.
                    break;
            }
        }
    }
}
