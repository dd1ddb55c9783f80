namespace Registry.Tests.Support;

/// <summary>Finds the external programs the end-to-end tests drive.</summary>
internal static class ExternalTool
{
    private static readonly string[] ExtraDirectories = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>The full path of <paramref name="name"/> on PATH (or in the usual sbin folders), or null.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The full path of <paramref name="name"/>, or an exception that says how to install it.</summary>
    public static string Require(string name, string debianPackage) =>
        Find(name) ?? throw new InvalidOperationException(
            $"'{name}' was not found on PATH. The end-to-end tests need it: install it with " +
            $"'sudo apt-get install {debianPackage}' (./test.sh run as root installs it by itself), " +
            $"or set {EndToEndEnvironment.SwitchVariable}=0 to skip the tests that drive docker, podman and skopeo.");
}
