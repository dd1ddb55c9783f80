using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Registry.Api.Management.Problems;

/// <summary>
/// The one place that builds the RFC 9457 problem details the management API answers errors with:
/// <c>application/problem+json</c> with <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> and the stable
/// <c>code</c> extension (<see cref="ApiProblemCode"/>); validation problems add the offending fields in
/// <c>errors</c>. They are written through the framework's <see cref="IProblemDetailsService"/>, which adds the
/// request's <c>traceId</c>.
/// </summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Create(string code, int status, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Type = ApiProblemCode.TypeOf(code),
            Title = ApiProblemCode.TitleOf(code),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Denied(string detail) => Create(ApiProblemCode.Denied, StatusCodes.Status403Forbidden, detail);

    /// <summary>400 naming the offending field with <paramref name="detail"/> as its message.</summary>
    public static ProblemHttpResult InvalidField(string field, string detail)
        => Create(ApiProblemCode.InvalidRequest, StatusCodes.Status400BadRequest, detail, new Dictionary<string, string[]> { [field] = [detail] });

    public static ProblemHttpResult NotFound(string detail) => Create(ApiProblemCode.NotFound, StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Conflict(string detail) => Create(ApiProblemCode.Conflict, StatusCodes.Status409Conflict, detail);

    public static ProblemHttpResult TagProtected(string detail) => Create(ApiProblemCode.TagProtected, StatusCodes.Status403Forbidden, detail);

    public static ProblemHttpResult MethodNotAllowed(string detail) => Create(ApiProblemCode.MethodNotAllowed, StatusCodes.Status405MethodNotAllowed, detail);

    public static ProblemHttpResult InternalError(string detail) => Create(ApiProblemCode.InternalError, StatusCodes.Status500InternalServerError, detail);

    /// <summary>401 with the challenge to send (<c>WWW-Authenticate</c>).</summary>
    public static IResult Unauthorized(string detail, string challenge)
        => new Auth.WithHeaderResult(Create(ApiProblemCode.Unauthorized, StatusCodes.Status401Unauthorized, detail), "WWW-Authenticate", challenge);

    /// <summary>429 with the seconds to wait (<c>Retry-After</c>).</summary>
    public static IResult TooManyRequests(string detail, string retryAfterSeconds)
        => new Auth.WithHeaderResult(Create(ApiProblemCode.TooManyRequests, StatusCodes.Status429TooManyRequests, detail), "Retry-After", retryAfterSeconds);

    /// <summary>Whether the request is one of the management API's (errors there are problem details).</summary>
    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api/v1", StringComparison.Ordinal);
}
