using System.CommandLine;

namespace Registry.Api.Commands;

/// <summary>
/// The binary's command line: without a command it runs the server (arguments such as <c>--urls</c> or
/// <c>--Registry:Storage:Path=/data</c> are settings); <c>--healthcheck [url]</c> probes a running server; the
/// subcommands <c>migrate</c>, <c>fsck</c>, <c>gc</c>, <c>export</c>, <c>import</c> and <c>reset-admin-password</c> do one job and exit.
/// Exit code 2 means bad usage.
/// </summary>
internal static class RegistryCommandLine
{
    public const int UsageError = 2;

    public static RootCommand Create()
    {
        Option<string?> healthcheck = HealthCheckCommand.CreateOption();
        var root = new RootCommand("Registry: a private OCI container registry and artifact repository. Without a command, runs the server; other arguments are settings (--urls http://+:5000, --Registry:Storage:Path=/data).")
        {
            healthcheck,
            MigrateCommand.Create(),
            FsckCommand.Create(),
            GcCommand.Create(),
            ExportCommand.Create(),
            ImportCommand.Create(),
            ResetAdminPasswordCommand.Create(),
        };
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction(async (parse, ct) => HealthCheckCommand.IsRequested(parse, healthcheck)
            ? await HealthCheckCommand.RunAsync(parse.GetValue(healthcheck), parse.InvocationConfiguration.Error, ct)
            : await ServeCommand.RunAsync(parse.UnmatchedTokens));
        return root;
    }

    /// <summary>Parses the arguments (no response files: an argument starting with '@' is a setting value).</summary>
    public static ParseResult Parse(IReadOnlyList<string> args)
        => Create().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    public static async Task<int> InvokeAsync(string[] args)
    {
        ParseResult parse = Parse(args);
        var console = new InvocationConfiguration
        {
            // The server handles SIGTERM and Ctrl+C itself (graceful shutdown); exceptions keep their usual way out.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        string? problem = parse.Errors.Count > 0 ? parse.Errors[0].Message : SettingsArguments.Problem(parse.UnmatchedTokens);
        if (problem is not null)
        {
            await console.Error.WriteLineAsync(problem);
            await console.Error.WriteLineAsync("Run with --help for usage.");
            return UsageError;
        }

        return await parse.InvokeAsync(console);
    }
}
