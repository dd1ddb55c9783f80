using System.CommandLine;
using Registry.Api.Transfer;
using Registry.Core.Transfer;

namespace Registry.Api.Commands;

/// <summary>
/// <c>dotnet Registry.Api.dll export --output DIR|FILE.tar [--repository GLOB]... [--tag PATTERN]... [--versions RANGE]
/// [--include-untagged] [--artifact-repository GLOB]... [--artifact-path GLOB]...</c>: writes the selection from the configured store to an OCI image layout (a directory, or a
/// tar file when the output ends in <c>.tar</c>), printing progress to standard error. Exits 0, 1 when the export
/// failed (a blob missing or corrupt in the store), 2 on bad arguments. Other arguments are settings.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "The layout to write: a directory, or a tar file when it ends in .tar.", Required = true, HelpName = "path" };
        var repositories = new Option<string[]>("--repository") { Description = "Repositories to export (a glob: team/*, team/**); repeat for more. Default: all.", HelpName = "glob" };
        var tags = new Option<string[]>("--tag") { Description = "Tags to export (a glob, or regex:PATTERN); repeat for more. Default: all.", HelpName = "pattern" };
        var versions = new Option<string?>("--versions") { Description = "Only tags that are versions in this range, e.g. \">=17.0.0 <18\".", HelpName = "range" };
        var untagged = new Option<bool>("--include-untagged") { Description = "Export untagged manifests of the repositories too." };
        var artifactRepositories = new Option<string[]>("--artifact-repository") { Description = "Also export the files of these generic/Maven repositories (a key glob); repeat for more.", HelpName = "glob" };
        var artifactPaths = new Option<string[]>("--artifact-path") { Description = "Only their files whose path matches (a glob, ** across folders); repeat for more. Default: all.", HelpName = "glob" };
        var command = new Command("export", "Export images from the configured store to an OCI image layout (directory or tar).")
        {
            output, repositories, tags, versions, untagged, artifactRepositories, artifactPaths,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            string? problem = TransferFilter.TryCreate(
                parse.GetValue(repositories), parse.GetValue(tags), parse.GetValue(versions), parse.GetValue(untagged),
                parse.GetValue(artifactRepositories), parse.GetValue(artifactPaths), out TransferFilter? filter);
            if (problem is not null)
            {
                await error.WriteLineAsync($"export: {problem}");
                return RegistryCommandLine.UsageError;
            }

            await using WebApplication app = await CommandHost.BuildMigratedAsync(parse.UnmatchedTokens);
            return await RunAsync(app, filter!, parse.GetValue(output)!, parse.InvocationConfiguration, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, TransferFilter filter, string output, InvocationConfiguration console, CancellationToken ct)
    {
        ExportService exports = app.Services.GetRequiredService<ExportService>();
        TimeProvider time = app.Services.GetRequiredService<TimeProvider>();
        (ExportPlan? plan, string? problem) = await exports.PlanAsync(filter, ct);
        if (plan is null)
        {
            await console.Error.WriteLineAsync($"export: {problem}");
            return 1;
        }

        await console.Error.WriteLineAsync($"export: {plan.Repositories.Count} repositories, {plan.TagCount} tags, {plan.Blobs.Count} blobs ({plan.TotalBytes} bytes) to {output}");
        ExportResult result;
        var progress = new ProgressPrinter(console.Error, time);
        if (output.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
        {
            string partial = output + ".partial";
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                result = await exports.WriteAsync(Core.Changes.Actor.System(CommandHost.CliActor), plan, new TarLayoutWriter(file, time.GetUtcNow()), progress, ct);
            }

            if (result.Succeeded)
            {
                File.Move(partial, output, overwrite: true);
            }
            else
            {
                File.Delete(partial);
            }
        }
        else
        {
            await using var writer = new DirectoryLayoutWriter(output);
            result = await exports.WriteAsync(Core.Changes.Actor.System(CommandHost.CliActor), plan, writer, progress, ct);
        }

        if (!result.Succeeded)
        {
            await console.Error.WriteLineAsync($"export: {result.Problem}");
            return 1;
        }

        await console.Output.WriteLineAsync(
            $"Exported {result.Repositories} repositories, {result.Tags} tags, {result.Manifests} manifests, {result.Files} files, {result.Blobs} blobs ({result.Bytes} bytes) to {output}");
        return 0;
    }
}
