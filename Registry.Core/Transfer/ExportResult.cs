namespace Registry.Core.Transfer;

/// <summary>What an export wrote, or why it stopped (<see cref="Problem"/>: a blob missing from the store or not matching its digest).</summary>
public sealed record ExportResult(int Repositories, int Tags, int Manifests, int Blobs, long Bytes, string? Problem)
{
    /// <summary>Files of artifact repositories written.</summary>
    public int Files { get; init; }

    public bool Succeeded => Problem is null;
}
