namespace Registry.Api.Management.Models;

internal sealed record SigningKeyModel(string KeyId, string Algorithm, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);
