namespace Registry.Tests.Support;

/// <summary>The test classes that share one <see cref="PostgresServer"/> (each test uses its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
