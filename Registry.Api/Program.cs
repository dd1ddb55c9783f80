using Registry.Api.Hosting;

// Settings files ship beside the binary, so they are found whatever the working directory; relative data paths
// (the default ./data) still resolve against the working directory.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddRegistry();

WebApplication app = builder.Build();
await app.InitializeRegistryAsync();
app.MapRegistry();
await app.RunAsync();

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
