namespace Registry.Api.Auth;

/// <summary>A result that sets one response header when it runs (not before), then runs the inner result.</summary>
internal sealed class WithHeaderResult(IResult inner, string name, string value) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
