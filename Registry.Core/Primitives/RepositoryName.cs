using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Primitives;

/// <summary>
/// A repository name as the OCI distribution spec defines it:
/// <c>[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*</c>, at most 255 characters.
/// </summary>
public sealed class RepositoryName : IEquatable<RepositoryName>
{
    public const int MaxLength = 255;

    private RepositoryName(string value) => Value = value;

    public string Value { get; }

    /// <summary>The first path component, which access rules and quotas are granted on.</summary>
    public string Namespace
    {
        get
        {
            int slash = Value.IndexOf('/');
            return slash < 0 ? Value : Value[..slash];
        }
    }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out RepositoryName? name)
    {
        name = null;
        if (!IsValid(text))
        {
            return false;
        }

        name = new RepositoryName(text!);
        return true;
    }

    public static RepositoryName Parse(string text)
        => TryParse(text, out RepositoryName? name) ? name : throw new FormatException($"'{text}' is not a valid repository name.");

    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        // Walk components separated by '/'; each is alnum runs joined by '.', '_', '__' or one or more '-'.
        int i = 0;
        while (true)
        {
            if (!TryReadComponent(text, ref i))
            {
                return false;
            }

            if (i == text.Length)
            {
                return true;
            }

            if (text[i] != '/')
            {
                return false;
            }

            i++;
        }
    }

    private static bool TryReadComponent(ReadOnlySpan<char> text, ref int i)
    {
        if (!TryReadAlnumRun(text, ref i))
        {
            return false;
        }

        while (i < text.Length && text[i] != '/')
        {
            char c = text[i];
            if (c == '.')
            {
                i++;
            }
            else if (c == '_')
            {
                i++;
                if (i < text.Length && text[i] == '_')
                {
                    i++;
                }
            }
            else if (c == '-')
            {
                while (i < text.Length && text[i] == '-')
                {
                    i++;
                }
            }
            else
            {
                return false;
            }

            if (!TryReadAlnumRun(text, ref i))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadAlnumRun(ReadOnlySpan<char> text, ref int i)
    {
        int start = i;
        while (i < text.Length && (char.IsAsciiLetterLower(text[i]) || char.IsAsciiDigit(text[i])))
        {
            i++;
        }

        return i > start;
    }

    public bool Equals(RepositoryName? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is RepositoryName other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
