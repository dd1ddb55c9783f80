using System.CommandLine;
using Microsoft.Extensions.Options;
using Registry.Api.Manifests;
using Registry.Api.Transfer;
using Registry.Core.Primitives;
using Registry.Core.Transfer;

namespace Registry.Api.Commands;

/// <summary>
/// <c>dotnet Registry.Api.dll import PATH [--repository NAME]</c>: imports an OCI image layout (a directory, or a tar
/// file) into the configured store, verifying every digest first, printing progress to standard error. Exits 0, 1
/// when the layout was refused (nothing imported) or an item was refused (a protected tag), 2 on bad arguments.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Who tag history, the audit log and webhooks name for what the command imports.</summary>
    public const string Actor = "system:import";

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "The layout: a directory, or a tar file (as export or skopeo copy oci-archive: write it)." };
        var repository = new Option<string?>("--repository") { Description = "The repository for entries named only by tag (or not named), as skopeo copy ... oci:DIR:TAG writes them.", HelpName = "name" };
        var command = new Command("import", "Import an OCI image layout (directory or tar) into the configured store, verifying every digest first.")
        {
            path, repository,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            RepositoryName? defaultRepository = null;
            if (parse.GetValue(repository) is { } name && !RepositoryName.TryParse(name, out defaultRepository))
            {
                await error.WriteLineAsync($"import: '{name}' is not a valid repository name");
                return RegistryCommandLine.UsageError;
            }

            string source = parse.GetValue(path)!;
            if (!File.Exists(source) && !Directory.Exists(source))
            {
                await error.WriteLineAsync($"import: {source} does not exist");
                return RegistryCommandLine.UsageError;
            }

            await using WebApplication app = await CommandHost.BuildMigratedAsync(parse.UnmatchedTokens);
            return await RunAsync(app, source, defaultRepository, parse.InvocationConfiguration, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(WebApplication app, string source, RepositoryName? defaultRepository, InvocationConfiguration console, CancellationToken ct)
    {
        using TemporaryLayout? unpacked = File.Exists(source) ? new TemporaryLayout() : null;
        string root = source;
        if (unpacked is not null)
        {
            await console.Error.WriteLineAsync($"import: unpacking {source}");
            await using var tar = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            if (await TarLayoutReader.ExtractAsync(tar, unpacked.Path, ct) is { } unreadable)
            {
                await console.Error.WriteLineAsync($"import: {unreadable}");
                return 1;
            }

            root = unpacked.Path;
        }

        var options = new ImportOptions(defaultRepository, app.Services.GetRequiredService<IOptions<ManifestSettings>>().Value.MaxBytes);
        var progress = new ProgressPrinter(console.Error, app.Services.GetRequiredService<TimeProvider>());
        ImportResult result = await app.Services.GetRequiredService<ImportService>()
            .ImportAsync(Core.Changes.Actor.System(Actor), root, options, progress, ct);
        if (result.Refused)
        {
            await console.Error.WriteLineAsync("import: the layout did not verify; nothing was imported:");
            foreach (string problem in result.Problems)
            {
                await console.Error.WriteLineAsync($"  {problem}");
            }

            return 1;
        }

        foreach (string problem in result.Problems)
        {
            await console.Error.WriteLineAsync($"import: {problem}");
        }

        await console.Output.WriteLineAsync(
            $"Imported {result.Repositories} repositories, {result.Tags} tags, {result.Manifests} manifests, {result.Files} files; stored {result.BlobsStored} blobs ({result.BytesStored} bytes), {result.BlobsPresent} already present");
        return result.Succeeded ? 0 : 1;
    }
}
