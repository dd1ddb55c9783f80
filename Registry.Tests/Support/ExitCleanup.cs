using System.Diagnostics;

namespace Registry.Tests.Support;

/// <summary>
/// Cleanup for servers kept for the whole test process. vstest kills the test host soon after the run ends, which
/// leaves a <c>ProcessExit</c> handler too little time to delete a server's directory; the deletion is handed to a
/// detached <c>rm</c> that outlives the host.
/// </summary>
internal static class ExitCleanup
{
    /// <summary>Removes <paramref name="path"/> a second from now (once the stopped server's processes are gone), from another process.</summary>
    public static void RemoveDirectoryLater(string path)
    {
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        foreach (string argument in (string[])["-c", "sleep 1; rm -rf -- \"$0\"", path])
        {
            start.ArgumentList.Add(argument);
        }

        using Process? _ = Process.Start(start);
    }
}
