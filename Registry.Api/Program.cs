using Registry.Api.Hosting;
using Registry.Api.Integrity;
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

// `Registry.Api fsck [--remove-orphans] [--grace 01:00:00] [--json]` checks every blob and exits 0 (clean) or 1.
bool fsck = FsckCommand.IsRequested(args);
(Registry.Core.Integrity.FsckOptions fsckOptions, bool fsckJson, string[] fsckSettings, string? fsckError) = FsckCommand.Parse(args);
if (fsck && fsckError is not null)
{
    Console.Error.WriteLine(fsckError);
    return 2;
}

// `Registry.Api gc [--dry-run] [--json]` runs one garbage-collection pass now (or reports what it would remove).
bool gc = Registry.Api.Gc.GcCommand.IsRequested(args);
(bool gcDryRun, bool gcJson, string[] gcSettings) = Registry.Api.Gc.GcCommand.Parse(args);

// `Registry.Api migrate` applies the metadata schema migrations and exits (for operators who run them separately).
bool migrateOnly = args.Length > 0 && args[0] == "migrate";

// Settings files ship beside the binary, so they are found whatever the working directory; relative data paths
// (the default ./data) still resolve against the working directory.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = migrateOnly ? args[1..] : fsck ? fsckSettings : gc ? gcSettings : args,
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

if (fsck || gc)
{
    if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RegistryOptions>>().Value.Metadata.MigrateOnStart)
    {
        await app.MigrateMetadataAsync();
    }

    return fsck
        ? await FsckCommand.RunAsync(app, fsckOptions, fsckJson, Console.Out)
        : await Registry.Api.Gc.GcCommand.RunAsync(app, gcDryRun, gcJson, Console.Out, Console.Error);
}

await app.InitializeRegistryAsync();
app.MapRegistry();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
