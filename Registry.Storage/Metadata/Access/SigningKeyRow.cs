using Registry.Core.Access;

namespace Registry.Storage.Metadata.Access;

/// <summary>A <c>signing_keys</c> row as Dapper fills it in either metadata store.</summary>
internal sealed class SigningKeyRow
{
    public const string Columns = "kid, algorithm, private_key, created_at, retired_at";

    public string Kid { get; set; } = string.Empty;

    public string Algorithm { get; set; } = string.Empty;

    public byte[] PrivateKey { get; set; } = [];

    public long CreatedAt { get; set; }

    public long? RetiredAt { get; set; }

    public SigningKeyRecord ToRecord() => new(Kid, Algorithm, PrivateKey, AccessTime.From(CreatedAt), AccessTime.From(RetiredAt));
}
