using System.Text.Json.Serialization;

namespace Registry.Storage.Blobs.S3;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3UploadRecord))]
internal sealed partial class S3JsonContext : JsonSerializerContext;
