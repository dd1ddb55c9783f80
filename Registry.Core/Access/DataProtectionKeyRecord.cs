namespace Registry.Core.Access;

/// <summary>One element of the Data Protection key ring: its friendly name (unique) and its XML as Data Protection wrote it.</summary>
public sealed record DataProtectionKeyRecord(string Name, string Xml, DateTimeOffset CreatedAt);
