using System.Globalization;
using System.Text;

namespace Registry.Tests.Operations;

/// <summary>
/// Reads the block-style YAML subset compose files are written in: mappings, sequences (<c>- item</c>), plain,
/// single- and double-quoted scalars, flow sequences of scalars (<c>["CMD", "x"]</c>), folded and literal block
/// scalars (<c>&gt;-</c>, <c>|</c>), and comments. Mappings become <see cref="Dictionary{TKey,TValue}"/> of string
/// to node, sequences <see cref="List{T}"/> of node, scalars strings (null for an empty value). Anchors, aliases,
/// tags, flow mappings and tabs are rejected with a <see cref="FormatException"/>, so a file that strays outside
/// the subset fails its test instead of being misread.
/// </summary>
public static class MiniYaml
{
    public static object? Parse(string text)
    {
        var lines = new List<Line>();
        string[] raw = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i].Contains('\t', StringComparison.Ordinal))
            {
                throw new FormatException($"line {i + 1}: tabs are not supported");
            }

            lines.Add(new Line(i + 1, raw[i]));
        }

        var reader = new Reader(lines);
        reader.SkipBlank();
        if (reader.AtEnd)
        {
            return null;
        }

        object? root = reader.ParseBlock(reader.Current.Indent);
        reader.SkipBlank();
        if (!reader.AtEnd)
        {
            throw new FormatException($"line {reader.Current.Number}: unexpected indentation");
        }

        return root;
    }

    private sealed record Line(int Number, string Text)
    {
        public int Indent => Text.Length - Text.TrimStart(' ').Length;

        public string Content => StripComment(Text.Trim());

        public bool IsBlank => Content.Length == 0;
    }

    private sealed class Reader(List<Line> lines)
    {
        private int _index;

        public bool AtEnd => _index >= lines.Count;

        public Line Current => lines[_index];

        public void SkipBlank()
        {
            while (!AtEnd && Current.IsBlank)
            {
                _index++;
            }
        }

        public object? ParseBlock(int indent)
        {
            SkipBlank();
            return Current.Content.StartsWith('-') && (Current.Content.Length == 1 || Current.Content[1] == ' ')
                ? ParseSequence(indent)
                : ParseMapping(indent);
        }

        private List<object?> ParseSequence(int indent)
        {
            var items = new List<object?>();
            while (true)
            {
                SkipBlank();
                if (AtEnd || Current.Indent != indent || !Current.Content.StartsWith('-'))
                {
                    break;
                }

                Line line = Current;
                string rest = line.Content.Length > 1 ? line.Content[2..].Trim() : string.Empty;
                if (rest.Length == 0)
                {
                    _index++;
                    SkipBlank();
                    items.Add(!AtEnd && Current.Indent > indent ? ParseBlock(Current.Indent) : null);
                }
                else if (FindMappingColon(rest) >= 0)
                {
                    // "- key: value" opens a mapping whose keys are indented past the dash.
                    int itemIndent = line.Indent + 1;
                    while (line.Text[itemIndent] == ' ')
                    {
                        itemIndent++;
                    }

                    lines[_index] = new Line(line.Number, new string(' ', itemIndent) + line.Text[itemIndent..]);
                    items.Add(ParseMapping(itemIndent));
                }
                else
                {
                    _index++;
                    items.Add(ParseInlineOrBlockScalar(rest, indent, line.Number));
                }
            }

            return items;
        }

        private Dictionary<string, object?> ParseMapping(int indent)
        {
            var map = new Dictionary<string, object?>(StringComparer.Ordinal);
            while (true)
            {
                SkipBlank();
                if (AtEnd || Current.Indent < indent)
                {
                    break;
                }

                Line line = Current;
                if (line.Indent > indent)
                {
                    throw new FormatException($"line {line.Number}: unexpected indentation");
                }

                string content = line.Content;
                int colon = FindMappingColon(content);
                if (colon < 0)
                {
                    throw new FormatException($"line {line.Number}: expected 'key: value'");
                }

                string key = Unquote(content[..colon].Trim(), line.Number);
                string rest = content[(colon + 1)..].Trim();
                if (!map.TryAdd(key, null))
                {
                    throw new FormatException($"line {line.Number}: duplicate key '{key}'");
                }

                _index++;
                if (rest.Length > 0)
                {
                    map[key] = ParseInlineOrBlockScalar(rest, indent, line.Number);
                    continue;
                }

                SkipBlank();
                bool nested = !AtEnd && (Current.Indent > indent || (Current.Indent == indent && Current.Content.StartsWith("- ", StringComparison.Ordinal)));
                map[key] = nested ? ParseBlock(Current.Indent) : null;
            }

            return map;
        }

        private object? ParseInlineOrBlockScalar(string rest, int parentIndent, int number)
        {
            if (rest is "|" or "|-" or ">" or ">-")
            {
                return ParseBlockScalar(rest, parentIndent);
            }

            return ParseInline(rest, number);
        }

        private string ParseBlockScalar(string indicator, int parentIndent)
        {
            var parts = new List<string>();
            int? indent = null;
            while (!AtEnd)
            {
                Line line = Current;
                if (line.Text.Trim().Length == 0)
                {
                    parts.Add(string.Empty);
                    _index++;
                    continue;
                }

                if (line.Indent <= parentIndent)
                {
                    break;
                }

                indent ??= line.Indent;
                parts.Add(line.Text.Length > indent.Value ? line.Text[indent.Value..] : string.Empty);
                _index++;
            }

            while (parts.Count > 0 && parts[^1].Length == 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }

            string text = indicator.StartsWith('|') ? string.Join('\n', parts) : string.Join(' ', parts.Where(p => p.Length > 0));
            return indicator.EndsWith('-') ? text : text + "\n";
        }
    }

    private static object? ParseInline(string text, int number)
    {
        if (text.StartsWith('&') || text.StartsWith('*') || text.StartsWith('!'))
        {
            throw new FormatException($"line {number}: anchors, aliases and tags are not supported");
        }

        if (text.StartsWith('{'))
        {
            throw new FormatException($"line {number}: flow mappings are not supported");
        }

        if (text.StartsWith('['))
        {
            if (!text.EndsWith(']'))
            {
                throw new FormatException($"line {number}: a flow sequence must end on its line");
            }

            return SplitFlow(text[1..^1], number).Select(item => (object?)Unquote(item, number)).ToList();
        }

        return text is "~" or "null" ? null : Unquote(text, number);
    }

    private static List<string> SplitFlow(string body, int number)
    {
        var items = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        foreach (char c in body)
        {
            if (quote != '\0')
            {
                current.Append(c);
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                current.Append(c);
            }
            else if (c == ',')
            {
                items.Add(current.ToString().Trim());
                current.Clear();
            }
            else if (c is '[' or '{')
            {
                throw new FormatException($"line {number}: nested flow collections are not supported");
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.ToString().Trim().Length > 0)
        {
            items.Add(current.ToString().Trim());
        }

        return items;
    }

    private static string Unquote(string text, int number)
    {
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            return text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            var builder = new StringBuilder();
            for (int i = 1; i < text.Length - 1; i++)
            {
                char c = text[i];
                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                char next = text[++i];
                builder.Append(next switch
                {
                    'n' => "\n",
                    't' => "\t",
                    '"' => "\"",
                    '\\' => "\\",
                    '/' => "/",
                    'u' => ((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
                    _ => throw new FormatException($"line {number}: unsupported escape \\{next}"),
                });
                if (next == 'u')
                {
                    i += 4;
                }
            }

            return builder.ToString();
        }

        if (text.StartsWith('"') || text.StartsWith('\''))
        {
            throw new FormatException($"line {number}: unterminated quoted scalar");
        }

        return text;
    }

    /// <summary>The index of the ': ' (or final ':') that ends a mapping key, outside quotes; -1 when none.</summary>
    private static int FindMappingColon(string content)
    {
        char quote = '\0';
        for (int i = 0; i < content.Length; i++)
        {
            char c = content[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if ((c is '"' or '\'') && i == 0)
            {
                quote = c;
            }
            else if (c == ':' && (i == content.Length - 1 || content[i + 1] == ' '))
            {
                return i;
            }
            else if (c is '[' or '{' && i == 0)
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>The line without a comment: '#' at the start or after a space, outside quotes.</summary>
    private static string StripComment(string content)
    {
        char quote = '\0';
        for (int i = 0; i < content.Length; i++)
        {
            char c = content[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'' && (i == 0 || content[i - 1] is ' ' or '[' or ','))
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || content[i - 1] == ' '))
            {
                return content[..i].TrimEnd();
            }
        }

        return content;
    }
}
