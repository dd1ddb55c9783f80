using System.Text.Json.Serialization;
using Registry.Core.Retention;

namespace Registry.Storage.Metadata.Retention;

/// <summary>Source-generated JSON for what the retention tables keep as text: scopes, keep rules and run details.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(KeepRuleSpec[]))]
[JsonSerializable(typeof(RetentionRunDetails))]
internal sealed partial class RetentionJsonContext : JsonSerializerContext;
