using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Registry.Api.Gc;
using Registry.Api.Management.Models;

namespace Registry.Api.Commands;

/// <summary>
/// <c>dotnet Registry.Api.dll gc [--dry-run] [--json]</c>: with the server's settings, reports what a collection pass
/// would remove (<c>--dry-run</c>) or runs one pass now and reports what it removed. Exits 0, 1 when the pass could
/// not take the lease (a server's pass kept it for two minutes) or a deletion failed. Other arguments are settings
/// (<c>--Registry:Gc:ReviewDelay=00:00:00</c>), as for the server.
/// </summary>
internal static class GcCommand
{
    /// <summary>A server gives the lease up after each pass; the command waits this long for one to end.</summary>
    private static readonly TimeSpan LeaseWait = TimeSpan.FromMinutes(2);

    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what a pass would remove; remove nothing." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the shape of POST /api/v1/gc)." };
        var command = new Command("gc", "Run one garbage-collection pass now (or, with --dry-run, report what it would remove).")
        {
            dryRun, json,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            await using WebApplication app = await CommandHost.BuildMigratedAsync(parse.UnmatchedTokens);
            return await RunAsync(app, parse.GetValue(dryRun), parse.GetValue(json), parse.InvocationConfiguration, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, bool dryRun, bool json, InvocationConfiguration console, CancellationToken ct)
    {
        GarbageCollector collector = app.Services.GetRequiredService<GarbageCollector>();
        TextWriter output = console.Output;
        if (dryRun)
        {
            GcPreview preview = await collector.PreviewAsync(ct);
            if (json)
            {
                await WriteAsync(output, new GcPassModel(true, null, preview.Blobs.Count, preview.Bytes, GcBlobModel.From(preview.Blobs)));
            }
            else
            {
                GcText.WritePreview(preview, app.Services.GetRequiredService<IOptions<Gc.GcSettings>>().Value.ReviewDelay, output);
            }

            return 0;
        }

        string holder = $"gc-command/{Environment.MachineName}/{Environment.ProcessId}";
        GcPassResult? result = await collector.RunAsync(Core.Changes.Actor.System(CommandHost.CliActor), "command", holder, LeaseWait, ct);
        if (result is null)
        {
            await console.Error.WriteLineAsync($"Another node's collection pass held the lease for {LeaseWait}; nothing was done.");
            return 1;
        }

        if (json)
        {
            await WriteAsync(output, new GcPassModel(false, GcRunModel.From(result.Run), result.Run.BlobsDeleted, result.Run.BytesFreed, GcBlobModel.From(result.Removed)));
        }
        else
        {
            GcText.WriteRun(result, output);
        }

        return result.Run.Errors == 0 ? 0 : 1;
    }

    private static Task WriteAsync(TextWriter output, GcPassModel model) => output.WriteLineAsync(JsonSerializer.Serialize(model, JsonSerializerOptions.Web));
}
