using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Registry.Tests.Api;

/// <summary>
/// The registry in memory (TestServer) on a fresh temporary data directory, deleted when the factory is disposed.
/// Used as a class fixture: tests of one class share it and keep apart by using unique repository names.
/// </summary>
public sealed class RegistryApiFactory : WebApplicationFactory<Program>
{
    public RegistryApiFactory()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "registry-apitests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataPath);
    }

    /// <summary>The <c>Registry:Storage:Path</c> this instance serves from.</summary>
    public string DataPath { get; }

    /// <summary>A client that does not follow redirects, so Location headers can be asserted.</summary>
    public HttpClient CreateRegistryClient()
        => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Every file below <c>&lt;data&gt;/blobs</c>, i.e. the content-addressed store.</summary>
    public int CountBlobFiles()
    {
        string root = Path.Combine(DataPath, "blobs");
        return Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Length : 0;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:Storage:Path", DataPath);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Warning);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataPath, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a pooled connection; the temp directory is best-effort cleanup.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
