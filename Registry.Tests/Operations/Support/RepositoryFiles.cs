namespace Registry.Tests.Operations;

/// <summary>Files of this repository (found by walking up from the test binaries to Registry.sln).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Registry.sln not found above " + AppContext.BaseDirectory);
    }
}
