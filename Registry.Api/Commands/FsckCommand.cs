using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Registry.Api.Integrity;
using Registry.Api.Management.Models;
using Registry.Core.Integrity;

namespace Registry.Api.Commands;

/// <summary>
/// <c>dotnet Registry.Api.dll fsck [--remove-orphans] [--grace 01:00:00] [--json]</c>: checks every stored blob with
/// the server's settings, prints the report and exits 0 when clean, 1 when problems were found, 2 on bad arguments.
/// Other arguments are settings (<c>--Registry:Storage:Path=...</c>), as for the server.
/// </summary>
internal static class FsckCommand
{
    public static Command Create()
    {
        var removeOrphans = new Option<bool>("--remove-orphans") { Description = "Delete orphaned blob files older than the grace period." };
        var grace = new Option<TimeSpan>("--grace")
        {
            Description = "Orphans younger than this are reported but kept (an upload may be about to link them).",
            HelpName = "hh:mm:ss",
            DefaultValueFactory = _ => FsckOptions.DefaultGrace,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 1
                    && TimeSpan.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, out TimeSpan value)
                    && value >= TimeSpan.Zero)
                {
                    return value;
                }

                result.AddError("--grace takes a non-negative time span, e.g. 01:00:00");
                return TimeSpan.Zero;
            },
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (the shape of GET /api/v1/fsck)." };
        var command = new Command("fsck", "Check every stored blob against the metadata; exit 0 when clean, 1 when problems were found.")
        {
            removeOrphans, grace, json,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var options = new FsckOptions(parse.GetValue(removeOrphans), parse.GetValue(grace));
            await using WebApplication app = await CommandHost.BuildMigratedAsync(parse.UnmatchedTokens);
            return await RunAsync(app, options, parse.GetValue(json), parse.InvocationConfiguration.Output, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, FsckOptions options, bool json, TextWriter output, CancellationToken ct)
    {
        FsckService fsck = app.Services.GetRequiredService<FsckService>();
        FsckReport report = await fsck.RunAsync(options, ct);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(FsckReportModel.From(report), JsonSerializerOptions.Web));
        }
        else
        {
            FsckText.Write(report, options, output);
        }

        return report.IsClean ? 0 : 1;
    }
}
