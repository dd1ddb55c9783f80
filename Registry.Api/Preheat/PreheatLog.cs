namespace Registry.Api.Preheat;

internal static partial class PreheatLog
{
    [LoggerMessage(EventId = 9301, Level = LogLevel.Warning, Message = "Preheat edge {Edge} failed for {Repository}:{Reference}: {Reason}")]
    public static partial void EdgeFailed(ILogger logger, string edge, string repository, string reference, string reason);

    [LoggerMessage(EventId = 9302, Level = LogLevel.Warning, Message = "Preheat rule {Rule} could not preheat {Repository}:{Reference}: {Reason}")]
    public static partial void RuleFailed(ILogger logger, string rule, string repository, string reference, string reason);

    [LoggerMessage(EventId = 9303, Level = LogLevel.Warning, Message = "The preheat rule queue is full; {Repository}:{Tag} is not preheated")]
    public static partial void QueueFull(ILogger logger, string repository, string tag);
}
