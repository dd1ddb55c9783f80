using System.Text.Json;

namespace Registry.Api.Management;

/// <summary>Reads a JSON request body for handlers that are not bound by minimal APIs (the repository route table).</summary>
internal static class ManagementJson
{
    /// <summary>The body, or the 400 to answer with when it is missing or not the expected JSON.</summary>
    public static async ValueTask<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, ManagementCaller.BadRequest("$", "send a JSON body with Content-Type: application/json"));
        }

        try
        {
            T? body = await context.Request.ReadFromJsonAsync<T>(context.RequestAborted);
            return body is null ? (null, ManagementCaller.BadRequest("$", "the body must be a JSON object")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, ManagementCaller.BadRequest(e.Path ?? "$", $"the body is not valid JSON for this request: {e.Message}"));
        }
    }
}
