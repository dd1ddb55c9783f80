using Registry.Core.Access;

namespace Registry.Storage.Metadata;

/// <summary>A <c>data_protection_keys</c> row as both stores read it.</summary>
internal sealed record DataProtectionKeyRow(string Name, string Xml, long CreatedAt)
{
    public DataProtectionKeyRecord ToRecord() => new(Name, Xml, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt));
}
