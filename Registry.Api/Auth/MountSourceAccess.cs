namespace Registry.Api.Auth;

/// <summary>
/// Whether a blob mount may read its source repository: allowed, refused (the handler opens an upload session instead,
/// as the distribution spec allows), or answered with a 401 challenge for a token that names the source too.
/// </summary>
internal readonly record struct MountSourceAccess(bool IsAllowed, IResult? ChallengeResult)
{
    public static MountSourceAccess Allowed => new(true, null);

    public static MountSourceAccess Refused => new(false, null);

    public static MountSourceAccess Challenge(IResult challenge) => new(false, challenge);
}
