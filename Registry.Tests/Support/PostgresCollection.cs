namespace Registry.Tests.Support;

/// <summary>
/// The PostgreSQL-only test classes, run one after another; their fixture is a handle on the process's shared
/// <see cref="PostgresServer"/> (each test uses its own database). The store contracts do not need it: they get the
/// server from <see cref="PostgresServer.SharedAsync"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
