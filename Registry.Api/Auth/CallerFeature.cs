namespace Registry.Api.Auth;

/// <summary>How a request authenticated: its caller, or why the credentials it sent were refused.</summary>
internal sealed class CallerFeature(Caller? caller, AuthFailure? failure)
{
    public Caller? Caller { get; } = caller;

    public AuthFailure? Failure { get; } = failure;
}
