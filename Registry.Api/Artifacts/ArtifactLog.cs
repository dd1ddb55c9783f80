namespace Registry.Api.Artifacts;

internal static partial class ArtifactLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Artifact {Repository}/{Path} is recorded but blob {Digest} is missing from storage")]
    public static partial void BytesMissing(ILogger logger, string digest, string repository, string path);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Artifact retention in {Repository} removed {Files} file(s) of {Versions} version(s)")]
    public static partial void RetentionRan(ILogger logger, string repository, int files, int versions);
}
