namespace Registry.Api.Upstream;

internal static partial class UpstreamLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "The stored password of upstream {Upstream} cannot be decrypted (the data protection keys changed); requests go without it. Set the password again.")]
    public static partial void PasswordUnreadable(ILogger logger, string upstream);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Token service {Realm} of upstream {Upstream} answered {Status}; the request goes on without a token.")]
    public static partial void TokenRefused(ILogger logger, string realm, string upstream, int status);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Warning, Message = "Token service {Realm} of upstream {Upstream} answered without a token.")]
    public static partial void TokenMissing(ILogger logger, string realm, string upstream);
}
