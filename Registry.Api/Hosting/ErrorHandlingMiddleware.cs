using Microsoft.AspNetCore.Connections;
using Registry.Api.Http;
using Registry.Api.Management.Problems;
using Registry.Api.Oci;
using Registry.Core.Errors;
using Registry.Storage;

namespace Registry.Api.Hosting;

/// <summary>
/// Turns what escapes a handler into a spec-shaped answer: a malformed HTTP request becomes 400, a client that
/// went away gets nothing, and anything else (a bug or an infrastructure failure) is logged and answered with a
/// 500 UNKNOWN error carrying the request id, except a store that cannot be used at all (a missing bucket, refused
/// credentials, an unreachable database: <see cref="StorageFailures"/>), which is 503 UNAVAILABLE naming what is wrong.
/// Under <c>/api/v1</c> both are problem details (no stack trace), under <c>/ui</c> a readable page in the console's
/// look (<see cref="Console.ConsoleErrorPage"/>); a body or
/// parameter that minimal APIs could not bind arrives here too (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>), so
/// its 400 names the field (the JSON path, or <c>$</c>) in <c>errors</c> like every other.
/// </summary>
internal sealed partial class ErrorHandlingMiddleware(RequestDelegate next, StorageFailures storageFailures, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e)
        {
            LogBadRequest(logger, context.TraceIdentifier, e.Message);
            await WriteAsync(context, Console.ConsoleErrorPage.Serves(context)
                ? Console.ConsoleErrorPage.Create(e.StatusCode, "The request was not understood", e.Message, context.TraceIdentifier)
                : ApiProblems.IsApiRequest(context)
                ? ApiProblems.Create(ApiProblemCode.InvalidRequest, e.StatusCode, e.Message, e.StatusCode == StatusCodes.Status400BadRequest
                    ? new Dictionary<string, string[]> { [(e.InnerException as System.Text.Json.JsonException)?.Path ?? "$"] = [e.Message] }
                    : null)
                : OciResults.Error(OciErrorCode.BlobUploadInvalid, e.Message, e.StatusCode));
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested || e is ConnectionResetException)
        {
            LogAborted(logger, context.TraceIdentifier, context.Request.Method, context.Request.Path.Value ?? string.Empty);
        }
        catch (Exception e) when (storageFailures.DescribeUnavailable(e) is { } reason)
        {
            LogStorageUnavailable(logger, e, context.TraceIdentifier, context.Request.Method, context.Request.Path.Value ?? string.Empty, reason);
            string detail = "storage unavailable: " + reason;
            await WriteAsync(context, Console.ConsoleErrorPage.Serves(context)
                ? Console.ConsoleErrorPage.Create(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", detail, context.TraceIdentifier)
                : ApiProblems.IsApiRequest(context)
                ? ApiProblems.Create(ApiProblemCode.Unavailable, StatusCodes.Status503ServiceUnavailable, detail)
                : OciResults.Error(OciErrorCode.Unavailable, detail));
        }
        catch (Exception e)
        {
            LogUnhandled(logger, e, context.TraceIdentifier, context.Request.Method, context.Request.Path.Value ?? string.Empty);
            const string detail = "internal error; see the registry log for this request id";
            await WriteAsync(context, Console.ConsoleErrorPage.Serves(context)
                ? Console.ConsoleErrorPage.Create(StatusCodes.Status500InternalServerError, "Something went wrong", "The registry could not finish this request. Try again; if it keeps failing, give your administrator the request id below (the registry log has the details).", context.TraceIdentifier)
                : ApiProblems.IsApiRequest(context) ? ApiProblems.InternalError(detail) : OciResults.Error(OciErrorCode.Unknown, detail));
        }
    }

    private static async Task WriteAsync(HttpContext context, IResult result)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        await result.ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "Request {RequestId} was malformed: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string requestId, string reason);

    [LoggerMessage(EventId = 901, Level = LogLevel.Debug, Message = "Request {RequestId} {Method} {Path} was aborted by the client")]
    private static partial void LogAborted(ILogger logger, string requestId, string method, string path);

    [LoggerMessage(EventId = 903, Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed: storage unavailable: {Reason}")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string requestId, string method, string path, string reason);

    [LoggerMessage(EventId = 902, Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string requestId, string method, string path);
}
