namespace Registry.Core.Packages.Nuget;

/// <summary>
/// NuGet's package id rule: words of letters, digits and <c>_</c> joined by single <c>.</c>, <c>-</c> or <c>_</c>, at most
/// <see cref="MaxLength"/> characters (ASCII only here, so an id is always one safe path segment). Ids are compared and
/// stored case-insensitively: feeds address them in lower case.
/// </summary>
public static class NugetPackageId
{
    public const int MaxLength = 100;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }

        bool wordChar = false;
        foreach (char c in id)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                wordChar = true;
            }
            else if (c is '.' or '-' && wordChar)
            {
                wordChar = false;
            }
            else
            {
                return false;
            }
        }

        return wordChar;
    }
}
