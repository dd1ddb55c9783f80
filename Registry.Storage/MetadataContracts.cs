using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Core.Access;
using Registry.Core.Artifacts;
using Registry.Core.Catalog;
using Registry.Core.Events;
using Registry.Core.Gc;
using Registry.Core.Replication;
using Registry.Core.Retention;
using Registry.Core.Storage;

namespace Registry.Storage;

/// <summary>
/// Registers one metadata store instance under every metadata contract, so each backend serves them all from one
/// object (SQLite: one write gate for every write). The constraint makes a backend that misses a contract fail to build.
/// </summary>
internal static class MetadataContracts
{
    public static void Register<TStore>(IServiceCollection services)
        where TStore : class, IMetadataStore, IAccessStore, ITagStore, ILineageStore, IEventStore, ICatalogStore, IUsageStore,
            IArtifactStore, IArtifactRetentionStore, IRetentionStore, IIntegrityStore, IDataProtectionKeyStore, IOverviewStore, IGcStore, IMetadataTransactions,
            Core.Preheat.IPreheatStore, IReplicationStore, IReplicationUploadStore
    {
        services.TryAddSingleton<TStore>();
        services.TryAddSingleton<IMetadataStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IAccessStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<ITagStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<ILineageStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IEventStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<ICatalogStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IUsageStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IArtifactStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IArtifactRetentionStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IRetentionStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IIntegrityStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IDataProtectionKeyStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IOverviewStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IGcStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IMetadataTransactions>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<Core.Preheat.IPreheatStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IReplicationStore>(sp => sp.GetRequiredService<TStore>());
        services.TryAddSingleton<IReplicationUploadStore>(sp => sp.GetRequiredService<TStore>());
    }
}
