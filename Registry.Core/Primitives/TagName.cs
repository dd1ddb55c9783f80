using System.Diagnostics.CodeAnalysis;

namespace Registry.Core.Primitives;

/// <summary>A tag: <c>[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}</c>.</summary>
public sealed class TagName : IEquatable<TagName>
{
    public const int MaxLength = 128;

    private TagName(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out TagName? tag)
    {
        tag = null;
        if (!IsValid(text))
        {
            return false;
        }

        tag = new TagName(text!);
        return true;
    }

    public static TagName Parse(string text)
        => TryParse(text, out TagName? tag) ? tag : throw new FormatException($"'{text}' is not a valid tag.");

    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return false;
        }

        char first = text[0];
        if (!(char.IsAsciiLetterOrDigit(first) || first == '_'))
        {
            return false;
        }

        foreach (char c in text[1..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(TagName? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TagName other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
