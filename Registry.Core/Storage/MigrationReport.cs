namespace Registry.Core.Storage;

/// <summary>
/// What one migration run did: the scripts it applied (e.g. <c>0001_initial</c>), in order, and how many had been
/// applied before it started (by an earlier run, another node, or a separate <c>migrate</c> command).
/// </summary>
public sealed record MigrationReport(IReadOnlyList<string> Applied, int AppliedBefore)
{
    /// <summary>Every script the schema now has, applied by this run or before it.</summary>
    public int Total => Applied.Count + AppliedBefore;
}
