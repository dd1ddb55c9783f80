namespace Registry.Tests.Support;

/// <summary>Runs the built <c>Registry.Api.dll</c> as a one-shot command (<c>migrate</c>, <c>reset-admin-password</c>, ...).</summary>
internal static class CommandLineProcess
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll");

    /// <summary>Runs <c>dotnet Registry.Api.dll ARGS</c> with the given environment (a null value removes a variable) and standard input.</summary>
    public static Task<ProcessResult> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, string? standardInput = null)
        => ProcessRunner.RunAsync("dotnet", [Dll, .. args], ProcessRunOptions.Default with
        {
            // The test host's own admin password must not leak into a command that reads it.
            Environment = new Dictionary<string, string?>(environment) { ["Registry__Auth__AdminPassword"] = environment.GetValueOrDefault("Registry__Auth__AdminPassword") },
            StandardInput = standardInput,
        });
}
