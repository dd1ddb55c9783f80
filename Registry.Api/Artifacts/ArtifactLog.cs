namespace Registry.Api.Artifacts;

internal static partial class ArtifactLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Artifact {Repository}/{Path} is recorded but blob {Digest} is missing from storage")]
    public static partial void BytesMissing(ILogger logger, string digest, string repository, string path);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Artifact retention in {Repository} removed {Files} file(s) of {Versions} version(s)")]
    public static partial void RetentionRan(ILogger logger, string repository, int files, int versions);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Remote {Repository} fetched {Path} ({Size} bytes) from its upstream")]
    public static partial void Fetched(ILogger logger, string repository, string path, long size);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Remote {Repository}: upstream {Uri} is unreachable: {Reason}")]
    public static partial void UpstreamUnreachable(ILogger logger, string repository, string uri, string reason);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning, Message = "Remote {Repository}: upstream {Uri} answered {Status}")]
    public static partial void UpstreamRefused(ILogger logger, string repository, string uri, int status);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Remote {Repository}: {Path} from the upstream has {Kind} {Actual}, its checksum says {Expected}; not cached")]
    public static partial void UpstreamChecksumMismatch(ILogger logger, string repository, string path, string kind, string expected, string actual);
}
