namespace Registry.Tests.Support;

/// <summary>A command that was expected to succeed did not; the message carries its whole output.</summary>
internal sealed class ProcessFailedException(ProcessResult result)
    : Exception("A command failed.\n" + result.Describe())
{
    public ProcessResult Result { get; } = result;
}
