namespace Registry.Tests.Support;

/// <summary>Writes a small executable bash script (a client wrapper put on PATH for examples run as written).</summary>
internal static class CommandScript
{
    public static void Write(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
