using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Registry.Core.Access;
using Registry.Core.Events;
using Registry.Core.Gc;
using Registry.Core.Catalog;
using Registry.Core.Retention;
using Registry.Core.Storage;
using Registry.Storage.Metadata.Postgres;

namespace Registry.Storage;

/// <summary>The PostgreSQL metadata backend, for nodes that scale out and share one database.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Registers the PostgreSQL metadata store, one instance serving as <see cref="IMetadataStore"/>,
    /// <see cref="IAccessStore"/> and <see cref="IEventStore"/>. <see cref="IMetadataStore.MigrateAsync"/> applies the schema under an
    /// advisory lock, so every node may call it at start-up, and a separate <c>migrate</c> run is safe while nodes serve.
    /// </summary>
    public static IServiceCollection AddPostgresMetadataStore(this IServiceCollection services, Action<PostgresMetadataOptions> configure)
    {
        services.AddOptions<PostgresMetadataOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Registry:Metadata:ConnectionString must name a PostgreSQL database.")
            .Validate(IsValidConnectionString, "Registry:Metadata:ConnectionString is not a valid Npgsql connection string.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresConnectionFactory>();
        MetadataContracts.Register<PostgresMetadataStore>(services);
        return services;
    }

    private static bool IsValidConnectionString(PostgresMetadataOptions options)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return false;
        }
    }
}
