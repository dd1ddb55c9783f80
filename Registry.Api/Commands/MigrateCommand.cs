using System.CommandLine;
using Registry.Api.Hosting;
using Registry.Core.Storage;

namespace Registry.Api.Commands;

/// <summary>
/// <c>dotnet Registry.Api.dll migrate</c>: applies the metadata schema migrations and exits, printing which it applied
/// (for operators who run them separately, with <c>Registry:Metadata:MigrateOnStart=false</c> on the servers).
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply the metadata schema migrations, print which were applied, and exit.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            await using WebApplication app = CommandHost.Build(parse.UnmatchedTokens);
            MigrationReport report = await app.MigrateMetadataAsync();
            await parse.InvocationConfiguration.Output.WriteLineAsync(Describe(report));
            return 0;
        });
        return command;
    }

    /// <summary>"applied 0001_initial ... 0016_x (16 migrations)", or "up to date (16 migrations applied before)".</summary>
    public static string Describe(MigrationReport report) => report.Applied.Count == 0
        ? $"up to date ({report.AppliedBefore} migrations applied before)"
        : $"applied {string.Join(' ', report.Applied)} ({report.Applied.Count} migrations{(report.AppliedBefore > 0 ? $", {report.AppliedBefore} applied before" : string.Empty)})";
}
