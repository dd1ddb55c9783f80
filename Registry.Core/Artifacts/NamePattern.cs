using System.Text;

namespace Registry.Core.Artifacts;

/// <summary>A file-name pattern with <c>*</c> (any run) and <c>?</c> (one character), matched case-insensitively.</summary>
public sealed class NamePattern
{
    private NamePattern(string text) => Text = text;

    public string Text { get; }

    public static bool TryParse(string? text, out NamePattern? pattern)
    {
        pattern = string.IsNullOrEmpty(text) || text.Length > 255 || text.Contains('/') ? null : new NamePattern(text);
        return pattern is not null;
    }

    /// <summary>The pattern as SQL <c>LIKE</c> text with <c>\</c> as escape character.</summary>
    public string ToLike()
    {
        var like = new StringBuilder(Text.Length + 4);
        foreach (char c in Text)
        {
            _ = c switch
            {
                '*' => like.Append('%'),
                '?' => like.Append('_'),
                '%' or '_' or '\\' => like.Append('\\').Append(c),
                _ => like.Append(c),
            };
        }

        return like.ToString();
    }
}
