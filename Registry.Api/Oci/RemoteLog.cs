namespace Registry.Api.Oci;

internal static partial class RemoteLog
{
    [LoggerMessage(EventId = 9111, Level = LogLevel.Warning, Message = "Upstream of remote {Remote} failed for {Name}:{Reference}: {Reason}")]
    public static partial void UpstreamFailed(ILogger logger, string remote, string name, string reference, string reason);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Information, Message = "Upstream of remote {Remote} answered {Status} for {Name}:{Reference}")]
    public static partial void UpstreamAnswered(ILogger logger, string remote, string name, string reference, int status);

    [LoggerMessage(EventId = 9113, Level = LogLevel.Warning, Message = "Remote {Remote} could not cache manifest {Digest} in {Repository}: {Reason}")]
    public static partial void CacheRefused(ILogger logger, string remote, string repository, string digest, string reason);

    [LoggerMessage(EventId = 9114, Level = LogLevel.Warning, Message = "Upstream of remote {Remote} sent blob bytes for {Digest} that hash to {Actual}; nothing was stored")]
    public static partial void BlobMismatch(ILogger logger, string remote, string digest, string actual);
}
