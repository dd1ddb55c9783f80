using System.Text.Json;
using Microsoft.Extensions.Options;
using Registry.Api.Hosting;
using Registry.Api.Management.Models;

namespace Registry.Api.Gc;

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

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "gc";

    /// <summary>Splits the command's own options from the settings arguments.</summary>
    public static (bool DryRun, bool Json, string[] Settings) Parse(string[] args)
    {
        bool dryRun = false;
        bool json = false;
        var settings = new List<string>();
        foreach (string arg in args.Skip(1))
        {
            switch (arg)
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    settings.Add(arg);
                    break;
            }
        }

        return (dryRun, json, [.. settings]);
    }

    public static async Task<int> RunAsync(WebApplication app, bool dryRun, bool json, TextWriter output, TextWriter error)
    {
        GarbageCollector collector = app.Services.GetRequiredService<GarbageCollector>();
        CancellationToken ct = app.Lifetime.ApplicationStopping;
        if (dryRun)
        {
            GcPreview preview = await collector.PreviewAsync(ct);
            if (json)
            {
                Write(output, new GcPassModel(true, null, preview.Blobs.Count, preview.Bytes, GcBlobModel.From(preview.Blobs)));
            }
            else
            {
                GcText.WritePreview(preview, app.Services.GetRequiredService<IOptions<RegistryOptions>>().Value.Gc.ReviewDelay, output);
            }

            return 0;
        }

        string holder = $"gc-command/{Environment.MachineName}/{Environment.ProcessId}";
        GcPassResult? result = await collector.RunAsync("command", holder, LeaseWait, ct);
        if (result is null)
        {
            error.WriteLine($"Another node's collection pass held the lease for {LeaseWait}; nothing was done.");
            return 1;
        }

        if (json)
        {
            Write(output, new GcPassModel(false, GcRunModel.From(result.Run), result.Run.BlobsDeleted, result.Run.BytesFreed, GcBlobModel.From(result.Removed)));
        }
        else
        {
            GcText.WriteRun(result, output);
        }

        return result.Run.Errors == 0 ? 0 : 1;
    }

    private static void Write(TextWriter output, GcPassModel model) => output.WriteLine(JsonSerializer.Serialize(model, JsonSerializerOptions.Web));
}
