using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Core.Access;
using Registry.Core.Events;
using Registry.Core.Gc;
using Registry.Core.Catalog;
using Registry.Core.Retention;
using Registry.Core.Storage;
using Registry.Storage.Blobs.FileSystem;
using Registry.Storage.Metadata.Sqlite;

namespace Registry.Storage;

/// <summary>One <c>AddXxx</c> per backend; the host picks one blob store and one metadata store at start-up.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddFileSystemBlobStore(this IServiceCollection services, Action<FileSystemBlobStoreOptions> configure)
    {
        services.AddOptions<FileSystemBlobStoreOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.RootDirectory), "Registry:Storage:Path must name a directory.")
            .ValidateOnStart();
        services.TryAddSingleton<IBlobStore, FileSystemBlobStore>();
        return services;
    }

    /// <summary>
    /// Registers the SQLite metadata store as <see cref="IMetadataStore"/>, <see cref="IAccessStore"/> and
    /// <see cref="IEventStore"/>: one instance, so every write goes through its one write gate.
    /// </summary>
    public static IServiceCollection AddSqliteMetadataStore(this IServiceCollection services, Action<SqliteMetadataOptions> configure)
    {
        services.AddOptions<SqliteMetadataOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Registry:Metadata:ConnectionString must not be empty.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteConnectionFactory>();
        MetadataContracts.Register<SqliteMetadataStore>(services);
        return services;
    }
}
