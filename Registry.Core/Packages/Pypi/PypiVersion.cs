using System.Text;
using System.Text.RegularExpressions;

namespace Registry.Core.Packages.Pypi;

/// <summary>
/// A PEP 440 version, parsed from any spelling PEP 440 allows (<c>1.0-RC1</c>, <c>v2.0.post</c>) and written in its
/// normalized form (<c>1.0rc1</c>, <c>2.0.post0</c>), which names the version folder and is what two spellings are
/// compared by.
/// </summary>
public static partial class PypiVersion
{
    /// <summary>The longest version string taken.</summary>
    public const int MaxLength = 64;

    /// <summary>The normalized form of <paramref name="text"/>, or null when it is not a PEP 440 version.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return null;
        }

        Match m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var version = new StringBuilder();
        if (m.Groups["epoch"].Success && Number(m.Groups["epoch"].Value) != "0")
        {
            version.Append(Number(m.Groups["epoch"].Value)).Append('!');
        }

        version.AppendJoin('.', m.Groups["release"].Value.Split('.').Select(Number));
        if (m.Groups["pre"].Success)
        {
            string label = m.Groups["pre_l"].Value.ToLowerInvariant() switch
            {
                "alpha" or "a" => "a",
                "beta" or "b" => "b",
                _ => "rc",
            };
            version.Append(label).Append(Number(m.Groups["pre_n"].Value));
        }

        if (m.Groups["post"].Success)
        {
            version.Append(".post").Append(Number(m.Groups["post_n1"].Success ? m.Groups["post_n1"].Value : m.Groups["post_n2"].Value));
        }

        if (m.Groups["dev"].Success)
        {
            version.Append(".dev").Append(Number(m.Groups["dev_n"].Value));
        }

        if (m.Groups["local"].Success)
        {
            version.Append('+').AppendJoin('.', m.Groups["local"].Value.ToLowerInvariant().Split(['-', '_', '.']).Select(p => p.All(char.IsAsciiDigit) ? Number(p) : p));
        }

        return version.ToString();
    }

    /// <summary>Digits without leading zeros (an absent number is 0); kept as text, so no length overflows.</summary>
    private static string Number(string digits)
    {
        string trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    // PEP 440, Appendix B (the canonical regular expression).
    [GeneratedRegex("""
        ^v?
        (?:(?<epoch>[0-9]+)!)?
        (?<release>[0-9]+(?:\.[0-9]+)*)
        (?<pre>[-_\.]?(?<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?<pre_n>[0-9]+)?)?
        (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?
        (?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?
        (?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?
        $
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
