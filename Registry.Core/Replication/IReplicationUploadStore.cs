namespace Registry.Core.Replication;

/// <summary>Unfinished chunked uploads of push runs (<see cref="ReplicationUpload"/>), one per rule, destination repository and digest.</summary>
public interface IReplicationUploadStore
{
    ValueTask<ReplicationUpload?> GetReplicationUploadAsync(string rule, string repository, string digest, CancellationToken ct);

    /// <summary>Saves the upload, replacing the one saved for the same rule, repository and digest.</summary>
    ValueTask SaveReplicationUploadAsync(ReplicationUpload upload, CancellationToken ct);

    /// <summary>False when none was saved.</summary>
    ValueTask<bool> DeleteReplicationUploadAsync(string rule, string repository, string digest, CancellationToken ct);

    /// <summary>The rule's saved uploads, by repository then digest.</summary>
    ValueTask<IReadOnlyList<ReplicationUpload>> ListReplicationUploadsAsync(string rule, CancellationToken ct);
}
