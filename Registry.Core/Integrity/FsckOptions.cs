namespace Registry.Core.Integrity;

/// <summary>
/// How an integrity check runs. Orphans are removed only when <see cref="RemoveOrphans"/> is set, and then only those
/// whose bytes were last written at least <see cref="Grace"/> ago and that metadata still does not know at removal
/// time: a blob pushed moments ago whose manifest has not arrived yet is an orphan for a while, legitimately.
/// </summary>
public sealed record FsckOptions(bool RemoveOrphans, TimeSpan Grace)
{
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromHours(1);
}
