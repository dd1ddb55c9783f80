namespace Registry.Storage.Metadata;

/// <summary>The statements of the ASP.NET Core data protection key ring, the same in SQLite and PostgreSQL.</summary>
internal static class DataProtectionSql
{
    public const string ListDataProtectionKeys = "SELECT name AS Name, xml AS Xml, created_at AS CreatedAt FROM data_protection_keys ORDER BY id";

    public const string AddDataProtectionKey = """
        INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @CreatedAt) ON CONFLICT (name) DO NOTHING
        """;
}
