using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Api.Oci;

/// <summary>
/// After a push: logs the floating tags an immutable rule kept in place. Those that followed are announced as
/// changes (<see cref="Core.Changes.TagFloated"/>: a <c>tag.float</c> audit entry and a <c>tag</c> event).
/// </summary>
internal static partial class FloatingTagReport
{
    public static void LogSkipped(ILogger logger, RepositoryName name, TagName? pushed, PutManifestResult stored)
    {
        foreach (TagProtectionViolation skipped in stored.FloatSkipped)
        {
            LogSkipped(logger, name.Value, skipped.Tag, pushed?.Value ?? string.Empty, skipped.Rule.Id, skipped.Rule.Pattern);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Floating tag {Repository}:{Tag} did not follow {Pushed}: immutable under protection rule {RuleId} ('{Pattern}')")]
    private static partial void LogSkipped(ILogger logger, string repository, string tag, string pushed, long ruleId, string pattern);
}
