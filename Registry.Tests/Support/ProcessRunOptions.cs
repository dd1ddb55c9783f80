namespace Registry.Tests.Support;

/// <summary>How <see cref="ProcessRunner"/> runs one command.</summary>
internal sealed record ProcessRunOptions
{
    public static ProcessRunOptions Default { get; } = new();

    /// <summary>The command is killed (with its children) when it runs longer than this.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Variables to set (or, with a null value, to remove) on top of the test process's environment.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    public string? WorkingDirectory { get; init; }

    /// <summary>Written to the command's standard input, which is then closed (e.g. a password for --password-stdin).</summary>
    public string? StandardInput { get; init; }
}
