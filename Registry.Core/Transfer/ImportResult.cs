namespace Registry.Core.Transfer;

/// <summary>
/// How an import ended. <see cref="Refused"/>: the layout did not verify (<see cref="Problems"/> lists each
/// mismatch) and nothing was imported. Otherwise the counts, and <see cref="Problems"/> for items the registry
/// refused one by one (a protected tag, a quota).
/// </summary>
public sealed record ImportResult(
    bool Refused, int Repositories, int Tags, int Manifests, int BlobsStored, int BlobsPresent, long BytesStored, IReadOnlyList<string> Problems)
{
    /// <summary>Files of artifact repositories deployed (or already there with the same content).</summary>
    public int Files { get; init; }

    public bool Succeeded => !Refused && Problems.Count == 0;

    public static ImportResult Refusal(IReadOnlyList<string> problems) => new(true, 0, 0, 0, 0, 0, 0, problems);
}
