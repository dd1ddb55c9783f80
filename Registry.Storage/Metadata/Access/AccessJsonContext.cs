using System.Text.Json.Serialization;

namespace Registry.Storage.Metadata.Access;

/// <summary>Source-generated JSON for the CI token namespace lists the metadata stores keep as text.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class AccessJsonContext : JsonSerializerContext;
