using Amazon.S3.Model;
using Registry.Core.Storage;

namespace Registry.Storage.Blobs.S3;

/// <summary>
/// Removes upload sessions whose record was last written before a cutoff, the leftovers of sessions whose end was
/// interrupted, and multipart uploads started before the cutoff that no live session records (a crash between
/// starting one and recording it). Servers that cannot list multipart uploads (s3rver) skip the last step.
/// </summary>
internal sealed class S3UploadPurger(S3BlobStore store)
{
    public async ValueTask<int> PurgeAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        var sessions = new Dictionary<UploadId, Folder>();
        await foreach (S3Object item in store.Bucket.ListAsync(store.Keys.UploadsPrefix, ct))
        {
            if (!store.Keys.TryParseUpload(item.Key, out UploadId id, out bool isRecord))
            {
                continue;
            }

            if (!sessions.TryGetValue(id, out Folder? folder))
            {
                sessions[id] = folder = new Folder();
            }

            DateTimeOffset modified = ToOffset(item.LastModified);
            folder.Keys.Add(item.Key);
            folder.Newest = modified > folder.Newest ? modified : folder.Newest;
            if (isRecord)
            {
                folder.RecordWritten = modified;
            }
        }

        int removed = 0;
        var live = new HashSet<UploadId>();
        foreach ((UploadId id, Folder folder) in sessions)
        {
            if (folder.RecordWritten is { } written)
            {
                if (written >= olderThan || !await TryEndAsync(id, ct))
                {
                    live.Add(id);
                    continue;
                }

                removed++;
            }
            else if (folder.Newest < olderThan)
            {
                foreach (string key in folder.Keys)
                {
                    await store.Bucket.DeleteAsync(key, ct);
                }
            }
        }

        await foreach (MultipartUpload upload in store.Bucket.ListMultipartUploadsAsync(store.Keys.UploadsPrefix, ct))
        {
            if (ToOffset(upload.Initiated) >= olderThan || !store.Keys.TryParseUpload(upload.Key, out UploadId id, out _))
            {
                continue;
            }

            if (live.Contains(id) && (await store.Records.LoadAsync(id, ct))?.MultipartUploadId == upload.UploadId)
            {
                continue;
            }

            await store.Bucket.AbortMultipartAsync(upload.Key, upload.UploadId, ct);
            if (!sessions.ContainsKey(id))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Ends a session unless a request on this node holds it right now.</summary>
    private async ValueTask<bool> TryEndAsync(UploadId id, CancellationToken ct)
    {
        if (!store.TryClaimIdle(id, out S3UploadState? state))
        {
            return false;
        }

        try
        {
            if (state is { Closed: true })
            {
                return false;
            }

            S3UploadRecord? record = await store.Records.LoadAsync(id, ct);
            await store.Records.EndAsync(id, record, ct);
            if (state is not null)
            {
                store.Forget(id, state);
            }

            return true;
        }
        finally
        {
            if (state is not null)
            {
                state.Gate.Release();
                if (state.Closed)
                {
                    state.Dispose();
                }
            }
        }
    }

    internal static DateTimeOffset ToOffset(DateTime? time) => time switch
    {
        null => DateTimeOffset.MinValue,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc), TimeSpan.Zero),
    };

    private sealed class Folder
    {
        public List<string> Keys { get; } = [];

        public DateTimeOffset Newest { get; set; } = DateTimeOffset.MinValue;

        public DateTimeOffset? RecordWritten { get; set; }
    }
}
