namespace Registry.Api.Auth;

/// <summary>Why credentials a request sent were refused; <see cref="RetryAfter"/> is set when logins are throttled.</summary>
internal sealed record AuthFailure(string Reason, TimeSpan? RetryAfter = null);
