using System.Globalization;
using Registry.Core.Artifacts;

namespace Registry.Api.Console;

/// <summary>
/// The console's artifact repository form read into the service's input: only the fields of the repository's class
/// (the form shows every class's fields on create), numbers parsed, lists split at commas and blanks. The password
/// field is write-only: left empty it keeps the stored password; "remove password" removes it.
/// </summary>
internal static class ArtifactRepositoryFormFields
{
    /// <summary>The input, or the message for a field that is not a number.</summary>
    public static (ArtifactRepositoryInput? Input, string? Error) Read(Func<string, string> field, RepositoryClass repositoryClass, bool creating)
    {
        ArgumentNullException.ThrowIfNull(field);
        var input = new ArtifactRepositoryInput { Description = creating && field("description").Length == 0 ? null : field("description") };
        switch (repositoryClass)
        {
            case RepositoryClass.Local:
                return (input with { AllowRedeploy = field("allowRedeploy") == "true" }, null);
            case RepositoryClass.Virtual:
                return (input with
                {
                    Repositories = Split(field("repositories")),
                    DefaultDeploymentRepo = creating && field("defaultDeploymentRepo").Length == 0 ? null : field("defaultDeploymentRepo"),
                }, null);
        }

        string? problem = null;
        int? Number(string name, string label)
        {
            string text = field(name);
            if (text.Length == 0)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                return value;
            }

            problem ??= $"{label} must be a whole number of 0 or more.";
            return null;
        }

        string password = field("password");
        input = input with
        {
            Url = field("url").Length == 0 ? null : field("url"),
            Username = creating && field("username").Length == 0 ? null : field("username"),
            Password = field("removePassword") == "true" ? string.Empty : password.Length == 0 ? null : password,
            RetrievalCachePeriodSecs = Number("retrievalCachePeriodSecs", "The retrieval cache period"),
            MissedRetrievalCachePeriodSecs = Number("missedRetrievalCachePeriodSecs", "The missed retrieval cache period"),
            UnusedArtifactsCleanupPeriodHours = Number("unusedArtifactsCleanupPeriodHours", "The cleanup period"),
            Offline = field("offline") == "true",
            Mirror = field("mirror") == "true",
            Aliases = Split(field("aliases")),
        };
        return problem is null ? (input, null) : (null, problem);
    }

    public static string Join(IEnumerable<string>? values) => values is null ? string.Empty : string.Join(", ", values);

    private static List<string> Split(string text)
        => [.. text.Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
