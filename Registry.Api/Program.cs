using Registry.Api.Hosting;
using Registry.Api.Operations;

// `dotnet Registry.Api.dll --healthcheck [url]` (the container HEALTHCHECK) probes /healthz and exits 0 or 1.
if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args, Console.Error);
}

// Blob writes and fsyncs are blocking calls on pool threads; on a 2-core machine the default minimum of 2 threads
// would make concurrent pushes wait for the pool to grow (one thread per 500 ms) instead of for the disk.
ThreadPool.GetMinThreads(out int workerThreads, out int ioThreads);
ThreadPool.SetMinThreads(Math.Max(workerThreads, 64), ioThreads);

// `Registry.Api migrate` applies the metadata schema migrations and exits (for operators who run them separately).
bool migrateOnly = args.Length > 0 && args[0] == "migrate";

// Settings files ship beside the binary, so they are found whatever the working directory; relative data paths
// (the default ./data) still resolve against the working directory.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = migrateOnly ? args[1..] : args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddRegistry();

WebApplication app = builder.Build();
if (migrateOnly)
{
    await app.MigrateMetadataAsync();
    Console.WriteLine("Registry metadata schema is up to date.");
    return 0;
}

await app.InitializeRegistryAsync();
app.MapRegistry();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
