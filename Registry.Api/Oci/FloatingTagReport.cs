using Registry.Core.Primitives;
using Registry.Core.Storage;
using Registry.Core.Tags;

namespace Registry.Api.Oci;

/// <summary>
/// After a push: audits each floating tag that followed it (<c>tag.float</c>, by the pusher, whose push caused it;
/// tag history records the actor <c>floating-tags</c>) and logs those an immutable rule kept in place.
/// </summary>
internal static partial class FloatingTagReport
{
    public static void Record(HttpContext context, OciServices services, RepositoryName name, TagName? pushed, PutManifestResult stored)
    {
        foreach (TagMove move in stored.Floated)
        {
            string detail = (move.OldDigest is null ? move.NewDigest : $"{move.OldDigest} -> {move.NewDigest}") + $" (following {pushed?.Value})";
            services.Audit.Record(context, "tag.float", $"{name.Value}:{move.Tag}", detail);
        }

        foreach (TagProtectionViolation skipped in stored.FloatSkipped)
        {
            LogSkipped(services.Logger, name.Value, skipped.Tag, pushed?.Value ?? string.Empty, skipped.Rule.Id, skipped.Rule.Pattern);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning,
        Message = "Floating tag {Repository}:{Tag} did not follow {Pushed}: immutable under protection rule {RuleId} ('{Pattern}')")]
    private static partial void LogSkipped(ILogger logger, string repository, string tag, string pushed, long ruleId, string pattern);
}
