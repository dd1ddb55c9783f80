using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Registry.Tests.Operations;

/// <summary>
/// Reads a YAML document with YamlDotNet into plain collections: mappings become <see cref="Dictionary{TKey,TValue}"/>
/// of string to node, sequences <see cref="List{T}"/> of node, scalars strings (null for an empty value, <c>~</c> or
/// <c>null</c>). Aliases are resolved to the node they name; a duplicate key or a syntax error throws
/// <see cref="YamlException"/>.
/// </summary>
public static class YamlTree
{
    /// <summary>The first document of <paramref name="text"/>, or null when it has none.</summary>
    public static object? Parse(string text) => ParseAll(text).FirstOrDefault();

    /// <summary>Every document of <paramref name="text"/> (separated by <c>---</c>), in order.</summary>
    public static List<object?> ParseAll(string text)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(document => Convert(document.RootNode)).ToList();
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(
            pair => ((YamlScalarNode)pair.Key).Value ?? string.Empty,
            pair => Convert(pair.Value),
            StringComparer.Ordinal),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" } => null,
        YamlScalarNode scalar => scalar.Value,
        _ => throw new YamlException(node.Start, node.End, $"unsupported YAML node {node.NodeType}"),
    };
}
