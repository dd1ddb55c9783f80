using Microsoft.Extensions.Logging.Abstractions;
using Registry.Core.Storage;
using Registry.Storage.Blobs.FileSystem;
using Registry.Storage.Blobs.S3;
using Registry.Tests.Support;

namespace Registry.Tests.Storage;

/// <summary>
/// The base of a blob store contract whose tests are <c>[Theory, BlobBackends]</c>: a test first calls
/// <see cref="UseAsync"/> for fresh, empty storage of its backend (a temp directory, or a new bucket on the process's
/// s3rver or moto, each started on first use and stopped when the process exits); every <see cref="CreateStore"/> is
/// then another store over that storage, like another node or the same node after a restart.
/// </summary>
public abstract class BlobContract : IAsyncLifetime
{
    private static readonly Lazy<Task<LocalS3Server>> S3rver = new(() => StartAsync(new S3Server()));
    private static readonly Lazy<Task<LocalS3Server>> Moto = new(() => StartAsync(new MotoS3Server()));
    private readonly List<IDisposable> _stores = [];
    private TempDirectory? _root;
    private LocalS3Server? _server;

    /// <summary>The S3 server of the test's backend.</summary>
    protected LocalS3Server Server => _server ?? throw new InvalidOperationException("The test's backend is not S3.");

    /// <summary>The S3 settings of the test's bucket.</summary>
    protected S3BlobStoreOptions Options { get; private set; } = new();

    protected async Task UseAsync(BlobBackend backend)
    {
        switch (backend)
        {
            case BlobBackend.FileSystem:
                _root = TempDirectory.Create("registry-fs-");
                break;
            case BlobBackend.S3rver or BlobBackend.Moto:
                _server = await (backend == BlobBackend.S3rver ? S3rver : Moto).Value;
                Options = await _server.CreateBucketAsync();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(backend), backend, null);
        }
    }

    protected IBlobStore CreateStore() => _root is not null
        ? new FileSystemBlobStore(Microsoft.Extensions.Options.Options.Create(new FileSystemBlobStoreOptions { RootDirectory = _root.Path }))
        : CreateS3Store();

    protected IBlobStore CreateS3Store(Action<S3BlobStoreOptions>? adjust = null)
    {
        S3BlobStoreOptions options = new()
        {
            ServiceUrl = Options.ServiceUrl,
            Region = Options.Region,
            Bucket = Options.Bucket,
            Prefix = Options.Prefix,
            ForcePathStyle = Options.ForcePathStyle,
            AccessKey = Options.AccessKey,
            SecretKey = Options.SecretKey,
        };
        adjust?.Invoke(options);
        var store = new S3BlobStore(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<S3BlobStore>.Instance);
        _stores.Add(store);
        return store;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (IDisposable store in _stores)
        {
            store.Dispose();
        }

        _root?.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<LocalS3Server> StartAsync(LocalS3Server server)
    {
        await server.InitializeAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAtExit();
        return server;
    }
}
