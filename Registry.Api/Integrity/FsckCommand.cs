using System.Globalization;
using System.Text.Json;
using Registry.Api.Management.Models;
using Registry.Core.Integrity;

namespace Registry.Api.Integrity;

/// <summary>
/// <c>dotnet Registry.Api.dll fsck [--remove-orphans] [--grace 01:00:00] [--json]</c>: checks every stored blob with
/// the server's settings, prints the report and exits 0 when clean, 1 when problems were found, 2 on bad arguments.
/// Other arguments are settings (<c>--Registry:Storage:Path=...</c>), as for the server.
/// </summary>
internal static class FsckCommand
{
    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == "fsck";

    /// <summary>Splits the command's own options from the settings arguments; the error is null when they parse.</summary>
    public static (FsckOptions Options, bool Json, string[] Settings, string? Error) Parse(string[] args)
    {
        bool remove = false;
        bool json = false;
        TimeSpan grace = FsckOptions.DefaultGrace;
        var settings = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--remove-orphans":
                    remove = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--grace":
                    if (i + 1 >= args.Length || !TimeSpan.TryParse(args[i + 1], CultureInfo.InvariantCulture, out grace) || grace < TimeSpan.Zero)
                    {
                        return (new FsckOptions(remove, grace), json, [], "--grace takes a non-negative time span, e.g. 01:00:00");
                    }

                    i++;
                    break;
                default:
                    settings.Add(args[i]);
                    break;
            }
        }

        return (new FsckOptions(remove, grace), json, [.. settings], null);
    }

    public static async Task<int> RunAsync(WebApplication app, FsckOptions options, bool json, TextWriter output)
    {
        FsckService fsck = app.Services.GetRequiredService<FsckService>();
        FsckReport report = await fsck.RunAsync(options, app.Lifetime.ApplicationStopping);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(FsckReportModel.From(report), JsonSerializerOptions.Web));
        }
        else
        {
            FsckText.Write(report, options, output);
        }

        return report.IsClean ? 0 : 1;
    }
}
