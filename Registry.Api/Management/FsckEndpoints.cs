using Registry.Api.Management.Access;
using System.Globalization;
using Registry.Api.Management.Models;
using Registry.Core.Integrity;

namespace Registry.Api.Management;

/// <summary><c>POST /api/v1/fsck</c>: the integrity check for global admins; answers with the report.</summary>
internal static class FsckEndpoints
{
    public static RouteGroupBuilder MapFsckEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/fsck", RunAsync).RequireGlobalAdmin("the integrity check");
        return api;
    }

    private static async Task<IResult> RunAsync(HttpContext context, ManagementServices services, FsckService fsck)
    {
        FsckRequest request = new();
        if (context.Request.ContentLength is > 0 || context.Request.HasJsonContentType())
        {
            (FsckRequest? body, IResult? invalid) = await ManagementJson.ReadAsync<FsckRequest>(context);
            if (body is null)
            {
                return invalid!;
            }

            request = body;
        }

        if (request.Grace is { } g && g < TimeSpan.Zero)
        {
            return ManagementCaller.BadRequest("grace", "grace is a non-negative time span, e.g. \"01:00:00\"");
        }

        var options = new FsckOptions(request.RemoveOrphans, request.Grace ?? FsckOptions.DefaultGrace);
        FsckReport report = await fsck.RunAsync(options, context.RequestAborted);
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"checked {report.BlobsChecked}, corrupt {report.Corrupt.Count}, missing {report.Missing.Count}, orphans {report.Orphans.Count}, removed {report.Orphans.Count(o => o.Removed)}");
        services.Audit.Record(context, "registry.fsck", null, detail, success: report.IsClean);
        return TypedResults.Ok(FsckReportModel.From(report));
    }
}
