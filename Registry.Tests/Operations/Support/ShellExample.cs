using System.Text.RegularExpressions;

namespace Registry.Tests.Operations;

/// <summary>
/// A fenced ```sh / ```bash / ```console block of a Markdown file, with the line its fence opens on, and the reason it
/// is not run when an HTML comment <c>&lt;!-- example: skip (REASON) --&gt;</c> stands right before the fence.
/// </summary>
public sealed partial record ShellExample(string File, int Line, string Script, string? SkipReason)
{
    public static IReadOnlyList<ShellExample> ReadAll(string relativePath)
    {
        string[] lines = System.IO.File.ReadAllLines(RepositoryFiles.PathOf(relativePath));
        var examples = new List<ShellExample>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!OpeningFence().IsMatch(lines[i]))
            {
                continue;
            }

            int opening = i;
            var body = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            examples.Add(new ShellExample(relativePath, opening + 1, string.Join('\n', body) + "\n", SkipReasonBefore(lines, opening)));
        }

        return examples;
    }

    /// <summary>Markdown files with shell examples: README.md and docs/*.md.</summary>
    public static IEnumerable<string> DocumentFiles()
        => new[] { "README.md" }
            .Concat(Directory.GetFiles(RepositoryFiles.PathOf("docs"), "*.md").Select(path => "docs/" + Path.GetFileName(path)))
            .Where(file => ReadAll(file).Count > 0)
            .Order(StringComparer.Ordinal);

    private static string? SkipReasonBefore(string[] lines, int fence)
    {
        int previous = fence - 1;
        while (previous >= 0 && string.IsNullOrWhiteSpace(lines[previous]))
        {
            previous--;
        }

        Match skip = previous >= 0 ? SkipComment().Match(lines[previous]) : Match.Empty;
        return skip.Success ? skip.Groups["reason"].Value : null;
    }

    [GeneratedRegex(@"^```(sh|bash|console)\s*$")]
    private static partial Regex OpeningFence();

    [GeneratedRegex(@"^<!-- example: skip \((?<reason>[^)]+)\) -->\s*$")]
    private static partial Regex SkipComment();
}
