using Registry.Api.Packages;
using Registry.Api.Transfer;
using Registry.Api.Replication;
using Registry.Api.Http;
using Registry.Api.Changes;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Registry.Api.Jobs;
using Registry.Api.Artifacts;
using Registry.Api.Auth;
using Registry.Api.Events;
using Registry.Api.Gc;
using Registry.Api.Catalog;
using Registry.Api.Console;
using Registry.Api.Lineage;
using Registry.Api.Management;
using Registry.Api.Manifests;
using Registry.Api.Oci;
using Registry.Api.Preheat;
using Registry.Api.Retention;
using Registry.Api.Operations;
using Registry.Api.Settings;
using Registry.Api.Upstream;
using Registry.Core.Storage;
using Registry.Storage;
using Registry.Storage.Blobs.S3;

namespace Registry.Api.Hosting;

internal static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers each area's settings (its <c>Registry:*</c> section, validated at start-up), picks the storage
    /// backends once, and registers the API's services.
    /// </summary>
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.AddSettings<StorageSettings, StorageSettingsValidator>(StorageSettings.SectionName);
        services.AddSettings<MetadataSettings>(MetadataSettings.SectionName);
        services.AddSettings<UploadSettings>(UploadSettings.SectionName);
        services.AddSettings<NetworkSettings, NetworkSettingsValidator>(NetworkSettings.SectionName);
        StorageSettings storage = Section<StorageSettings>(builder, StorageSettings.SectionName);
        MetadataSettings metadata = Section<MetadataSettings>(builder, MetadataSettings.SectionName);

        // Blob bodies are streamed to storage; only manifests have a cap, which their handler enforces.
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = null);

        // Kestrel refuses a path with %00 before the application runs, with an empty 400; this lets the request
        // through, marked, so it is answered in its API's error shape (Hosting/NulPath*).
        var nulPathMarker = new NulPathMarker();
        services.AddSingleton(nulPathMarker);
        // A deploy storm's downloads to slow readers keep what waits unsent in the page cache, not in TCP memory
        // (Hosting/TcpNotSentLowWatermark). Kestrel keeps one set of endpoint defaults, so both go in one.
        int notSentLowWatermark = Section<NetworkSettings>(builder, NetworkSettings.SectionName).TcpNotSentLowWatermark;
        bool limitUnsent = notSentLowWatermark > 0 && TcpNotSentLowWatermark.IsSupported;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (limitUnsent)
            {
                listen.Use(next => TcpNotSentLowWatermark.Wrap(next, notSentLowWatermark));
            }

            listen.Use(next => NulPathConnectionMiddleware.Wrap(next, nulPathMarker));
        }));

        string dataPath = Path.GetFullPath(storage.Path);
        switch (storage.Provider.ToLowerInvariant())
        {
            case "filesystem":
                services.AddFileSystemBlobStore(o => o.RootDirectory = dataPath);
                break;
            case "s3":
                services.AddS3BlobStore(o => CopyS3Settings(storage.S3, o));
                break;
            default:
                throw new OptionsValidationException(nameof(StorageSettings.Provider), typeof(StorageSettings),
                    [$"Registry:Storage:Provider '{storage.Provider}' is unknown; use 'filesystem' or 's3'."]);
        }

        switch (metadata.Provider.ToLowerInvariant())
        {
            case "sqlite":
                services.AddSqliteMetadataStore(o =>
                {
                    o.ConnectionString = metadata.ConnectionString ?? $"Data Source={Path.Combine(dataPath, "registry.db")}";
                    o.Synchronous = metadata.Synchronous;
                });
                break;
            case "postgres":
                services.AddPostgresMetadataStore(o => o.ConnectionString = metadata.ConnectionString
                    ?? throw new OptionsValidationException(nameof(MetadataSettings.ConnectionString), typeof(MetadataSettings),
                        ["Registry:Metadata:ConnectionString is required with the postgres provider (Host=...;Database=...;Username=...;Password=...)."]));
                break;
            default:
                throw new OptionsValidationException(nameof(MetadataSettings.Provider), typeof(MetadataSettings),
                    [$"Registry:Metadata:Provider '{metadata.Provider}' is unknown; use 'sqlite' or 'postgres'."]);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddRegistryAuth(Section<AuthSettings>(builder, AuthSettings.SectionName));
        services.AddRegistryConsole(Section<ConsoleSettings>(builder, ConsoleSettings.SectionName));
        services.AddManagementApi();
        services.AddLineage();
        services.AddSingleton<Registry.Core.Integrity.FsckService>();
        services.AddTransfer();
        services.AddReplication();
        services.AddManifestCache();
        services.AddOciDistribution();
        services.AddArtifactory();
        services.AddPackages();
        services.AddUpstreams();
        services.AddPreheat();
        services.AddRegistryEvents();
        services.AddChanges();
        services.AddJobLeases();
        services.AddLeasedJob<UploadJanitor>(UploadJanitor.JobName, sp => new JobSchedule(Settings<UploadSettings>(sp).SweepInterval));
        services.AddGarbageCollection();
        services.AddRegistryCatalog();
        services.AddRegistryRetention();
        builder.AddRegistryOperations();
        return builder;
    }

    private static T Settings<T>(IServiceProvider services)
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    /// <summary>A section read while registering (to pick backends); the same section is validated at start-up.</summary>
    private static T Section<T>(WebApplicationBuilder builder, string name)
        where T : class, new() => builder.Configuration.GetSection(name).Get<T>() ?? new T();

    private static void CopyS3Settings(S3BlobStoreOptions from, S3BlobStoreOptions to)
    {
        to.ServiceUrl = from.ServiceUrl;
        to.Region = from.Region;
        to.Bucket = from.Bucket;
        to.Prefix = from.Prefix;
        to.ForcePathStyle = from.ForcePathStyle;
        to.AccessKey = from.AccessKey;
        to.SecretKey = from.SecretKey;
        to.ServerSideEncryption = from.ServerSideEncryption;
        to.KmsKeyId = from.KmsKeyId;
        to.PartSize = from.PartSize;
        to.MaxSingleCopySize = from.MaxSingleCopySize;
        to.CopyPartSize = from.CopyPartSize;
        to.ReadCachePath = from.ReadCachePath;
        to.ReadCacheSize = from.ReadCacheSize;
    }

    /// <summary>
    /// Applies metadata migrations before the server takes requests (unless operators run them separately) and logs
    /// what keeps the blob store from being used, if anything.
    /// </summary>
    public static async Task InitializeRegistryAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<MetadataSettings>>().Value.MigrateOnStart)
        {
            await app.MigrateMetadataAsync();
        }

        await app.Services.GetRequiredService<Registry.Api.Operations.Health.BlobStoreStartupCheck>().RunAsync(app.Lifetime.ApplicationStopping);
        await app.Services.GetRequiredService<AdminBootstrap>().RunAsync(System.Console.Out, app.Lifetime.ApplicationStopping);
    }

    /// <summary>Brings the metadata schema up to date (idempotent; safe while other nodes run); says what it applied.</summary>
    public static async Task<MigrationReport> MigrateMetadataAsync(this WebApplication app)
    {
        IMetadataStore metadata = app.Services.GetRequiredService<IMetadataStore>();
        MigrationReport report = await metadata.MigrateAsync(app.Lifetime.ApplicationStopping);

        // The stores register one instance for both contracts; should a host swap one of them, both schemas still apply.
        if (app.Services.GetRequiredService<Registry.Core.Access.IAccessStore>() is IMetadataStore access && !ReferenceEquals(access, metadata))
        {
            await access.MigrateAsync(app.Lifetime.ApplicationStopping);
        }

        return report;
    }

    public static WebApplication MapRegistry(this WebApplication app)
    {
        app.UseNulPathRejection();
        app.UseTrustedForwardedHeaders();
        app.UseBytesRangesOnly();
        app.MapRegistryOperations();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseRegistryAuth();
        app.UseManagementAuthentication();
        app.MapOciDistribution();
        app.MapManagementApi();
        app.MapConsole();
        app.MapArtifactory();
        app.MapPackages();
        return app;
    }
}
