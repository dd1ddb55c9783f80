using Registry.Api.Artifacts;
using Registry.Api.Http;
using Registry.Api.Management.Problems;
using Registry.Core.Errors;

namespace Registry.Api.Hosting;

/// <summary>
/// Answers a request whose path held <c>%00</c> (marked by <see cref="Http1NulPathRewriter"/>) with a 400 in the shape
/// of the API it was sent to: Artifactory's error JSON under <c>/artifactory</c>, problem details under
/// <c>/api/v1</c>, the console's error page under <c>/ui</c>, an OCI error elsewhere. Nothing else runs for it.
/// </summary>
internal static class NulPathRejection
{
    public const string Message = "the path contains a NUL character (%00); control characters are not allowed in paths";

    public static IApplicationBuilder UseNulPathRejection(this IApplicationBuilder app)
    {
        NulPathMarker marker = app.ApplicationServices.GetRequiredService<NulPathMarker>();
        return app.Use((context, next) =>
        {
            if (!context.Request.Headers.ContainsKey(NulPathMarker.HeaderName))
            {
                return next(context);
            }

            if (!marker.IsOn(context.Request))
            {
                // Sent by the client, not by the rewriter: not ours to believe, and not the application's to see.
                context.Request.Headers.Remove(NulPathMarker.HeaderName);
                return next(context);
            }

            // Keep-alive stays: the rewriter knows where the next request starts.
            return Answer(context).ExecuteAsync(context);
        });
    }

    private static IResult Answer(HttpContext context)
    {
        PathString path = context.Request.Path;
        if (path.StartsWithSegments("/artifactory", StringComparison.Ordinal))
        {
            return ArtifactResults.BadRequest("Invalid path: " + Message);
        }

        if (ApiProblems.IsApiRequest(context))
        {
            return ApiProblems.Create(ApiProblemCode.InvalidRequest, StatusCodes.Status400BadRequest, Message);
        }

        if (Console.ConsoleErrorPage.Serves(context))
        {
            return Console.ConsoleErrorPage.Create(StatusCodes.Status400BadRequest, "The address is not valid", "The address contains a NUL character (%00), which no page has.", context.TraceIdentifier);
        }

        return OciResults.Error(OciErrorCode.NameInvalid, Message);
    }
}
