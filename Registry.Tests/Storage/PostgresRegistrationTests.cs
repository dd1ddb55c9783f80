using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Metadata.Postgres;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRegistrationTests(PostgresServer server)
{
    [Fact]
    public async Task AddPostgresMetadataStore_ResolvesAStoreThatMigratesAndWorks()
    {
        string database = await server.CreateDatabaseAsync();
        await using ServiceProvider services = new ServiceCollection().AddPostgresMetadataStore(o => o.ConnectionString = database).BuildServiceProvider();

        IMetadataStore store = services.GetRequiredService<IMetadataStore>();
        await store.MigrateAsync(CancellationToken.None);
        await store.LinkBlobAsync(Registry.Core.Primitives.RepositoryName.Parse("app"), new BlobInfo(Registry.Core.Primitives.Digest.Parse(Digests.Sha256("x"u8)), 1), CancellationToken.None);

        Assert.IsType<PostgresMetadataStore>(store);
        Assert.Equal(["app"], (await store.ListRepositoriesAsync(null, null, CancellationToken.None)).Names);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Host=db;Port=not-a-number")]
    public void AddPostgresMetadataStore_WithABadConnectionString_FailsValidation(string connectionString)
    {
        using ServiceProvider services = new ServiceCollection().AddPostgresMetadataStore(o => o.ConnectionString = connectionString).BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PostgresMetadataOptions>>().Value);
    }
}
