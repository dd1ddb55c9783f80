namespace Registry.Tests.Storage;

/// <summary>
/// The metadata backends every store contract runs on. A contract test is a <c>[Theory, MetadataBackends]</c> taking
/// one of these, so each test shows up once per backend, e.g. <c>TagStoreContract.Delete_X(backend: Postgres)</c>.
/// </summary>
public enum MetadataBackend
{
    /// <summary>The embedded store: a fresh database file per call in a temp directory of the test.</summary>
    Sqlite,

    /// <summary>A fresh database per call on the process's shared PostgreSQL server (started on first use).</summary>
    Postgres,
}
