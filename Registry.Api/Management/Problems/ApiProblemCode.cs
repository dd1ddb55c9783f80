namespace Registry.Api.Management.Problems;

/// <summary>
/// The stable, machine-readable <c>code</c> of a problem answered under <c>/api/v1</c> (docs/api.md lists them).
/// Clients branch on these, not on <c>title</c> or <c>detail</c>, which are for people.
/// </summary>
internal static class ApiProblemCode
{
    public const string Unauthorized = "unauthorized";
    public const string Denied = "denied";
    public const string TooManyRequests = "too_many_requests";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string InvalidRequest = "invalid_request";
    public const string Conflict = "conflict";
    public const string TagProtected = "tag_protected";
    public const string InternalError = "internal_error";
    public const string Unavailable = "unavailable";

    /// <summary>Every code with its status and title, in the order docs/api.md and the reference page list them.</summary>
    public static IReadOnlyList<(string Code, int Status, string Title)> All { get; } =
    [
        (InvalidRequest, StatusCodes.Status400BadRequest, "The request is not valid"),
        (Unauthorized, StatusCodes.Status401Unauthorized, "Authentication required"),
        (Denied, StatusCodes.Status403Forbidden, "Not allowed"),
        (TagProtected, StatusCodes.Status403Forbidden, "Tag is protected"),
        (NotFound, StatusCodes.Status404NotFound, "Not found"),
        (MethodNotAllowed, StatusCodes.Status405MethodNotAllowed, "Method not allowed"),
        (Conflict, StatusCodes.Status409Conflict, "Conflict"),
        (TooManyRequests, StatusCodes.Status429TooManyRequests, "Too many failed logins"),
        (InternalError, StatusCodes.Status500InternalServerError, "Internal error"),
        (Unavailable, StatusCodes.Status503ServiceUnavailable, "Service unavailable"),
    ];

    /// <summary>The <c>type</c> URI of a code: its entry on the reference page.</summary>
    public static string TypeOf(string code) => $"/api/v1/docs#problem-{code}";

    public static string TitleOf(string code) => All.First(entry => entry.Code == code).Title;
}
