namespace Registry.Api.Auth;

/// <summary>The outcome of checking a name and password: the caller, or why not (with a wait when throttled).</summary>
internal sealed record LoginResult(Caller? Caller, AuthFailure? Failure)
{
    public static LoginResult Success(Caller caller) => new(caller, null);

    public static LoginResult Refused(string reason, TimeSpan? retryAfter = null) => new(null, new AuthFailure(reason, retryAfter));
}
