using System.Text.Json;
using Registry.Core.Access;
using Registry.Core.Retention;

namespace Registry.Storage.Metadata.Retention;

/// <summary>Reads and writes the JSON columns of the retention tables, the same way in both metadata stores.</summary>
internal static class RetentionJson
{
    public static string Scopes(IEnumerable<AccessScope> scopes)
        => JsonSerializer.Serialize([.. scopes.Select(s => s.ToString())], RetentionJsonContext.Default.StringArray);

    public static IReadOnlyList<AccessScope> ReadScopes(string json)
        => [.. (JsonSerializer.Deserialize(json, RetentionJsonContext.Default.StringArray) ?? [])
            .Select(s => AccessScope.TryParse(s, out AccessScope? scope) ? scope.Value : throw new FormatException($"stored scope '{s}' is not valid"))];

    public static string Rules(IEnumerable<KeepRuleSpec> rules)
        => JsonSerializer.Serialize([.. rules], RetentionJsonContext.Default.KeepRuleSpecArray);

    public static IReadOnlyList<KeepRuleSpec> ReadRules(string json)
        => JsonSerializer.Deserialize(json, RetentionJsonContext.Default.KeepRuleSpecArray) ?? [];

    public static string Details(RetentionRunDetails details)
        => JsonSerializer.Serialize(details, RetentionJsonContext.Default.RetentionRunDetails);

    public static RetentionRunDetails ReadDetails(string json)
        => JsonSerializer.Deserialize(json, RetentionJsonContext.Default.RetentionRunDetails) ?? RetentionRunDetails.Empty;

    /// <summary>The deleted manifests as the SQLite statements read them: <c>[["repository","digest"], ...]</c>.</summary>
    public static string Keys(IEnumerable<ManifestKey> keys)
        => JsonSerializer.Serialize([.. keys.SelectMany(k => new[] { k.Repository.Value, k.Digest.Value })], RetentionJsonContext.Default.StringArray);

    public static string Digests(IEnumerable<string> digests)
        => JsonSerializer.Serialize([.. digests], RetentionJsonContext.Default.StringArray);
}
