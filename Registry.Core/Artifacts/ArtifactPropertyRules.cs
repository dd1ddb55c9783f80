namespace Registry.Core.Artifacts;

/// <summary>What property names and values may be, and the <c>a=1|b=2,3</c> syntax of the properties API.</summary>
public static class ArtifactPropertyRules
{
    public const int MaxNameLength = 255;
    public const int MaxValueLength = 4000;

    /// <summary>Letters, digits and <c>. _ - :</c>; not empty.</summary>
    public static bool IsValidName(string? name)
        => !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength
            && name.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:") < 0;

    /// <summary>
    /// Parses <c>a=1|b=2,3</c> (already URL-decoded): pairs separated by <c>|</c>, values by <c>,</c>; a backslash
    /// escapes a separator inside a value. Returns null and the reason when malformed.
    /// </summary>
    public static IReadOnlyList<ArtifactProperty>? Parse(string text, out string? error)
    {
        var properties = new List<ArtifactProperty>();
        foreach (string pair in SplitEscaped(text, '|'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            int equals = pair.IndexOf('=');
            string name = equals < 0 ? pair : pair[..equals];
            if (!IsValidName(name))
            {
                error = $"'{name}' is not a valid property name (letters, digits, '.', '_', '-', ':')";
                return null;
            }

            string values = equals < 0 ? string.Empty : pair[(equals + 1)..];
            foreach (string value in SplitEscaped(values, ','))
            {
                if (value.Length > MaxValueLength)
                {
                    error = $"a value of property '{name}' is longer than {MaxValueLength} characters";
                    return null;
                }

                properties.Add(new ArtifactProperty(name, value));
            }
        }

        error = properties.Count == 0 ? "no properties given; use ?properties=name=value|name2=value2" : null;
        return error is null ? properties : null;
    }

    /// <summary>Splits on <paramref name="separator"/> unless preceded by a backslash (that backslash is removed; others stay).</summary>
    public static List<string> SplitEscaped(string text, char separator)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == separator)
            {
                current.Append(text[++i]);
            }
            else if (text[i] == separator)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }

        parts.Add(current.ToString());
        return parts;
    }
}
