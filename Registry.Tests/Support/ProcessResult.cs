using System.Text;

namespace Registry.Tests.Support;

/// <summary>What a finished command printed and how it ended.</summary>
internal sealed record ProcessResult(
    string Command,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Elapsed,
    bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Returns this result, or throws with the command's whole output when it failed or timed out.</summary>
    public ProcessResult EnsureSuccess() => Succeeded ? this : throw new ProcessFailedException(this);

    public string Describe()
    {
        var ending = TimedOut
            ? $"killed: timed out after {Elapsed.TotalSeconds:F0} s"
            : $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s";
        var text = new StringBuilder();
        text.Append("command: ").AppendLine(Command);
        text.AppendLine(ending);
        text.AppendLine("--- stdout ---").AppendLine(StandardOutput.TrimEnd());
        text.AppendLine("--- stderr ---").AppendLine(StandardError.TrimEnd());
        return text.ToString();
    }
}
