using System.Diagnostics;

namespace Registry.Tests.Support;

/// <summary>
/// moto's server mode (a Python AWS emulator), one per test process for the blob contracts. It implements what s3rver
/// lacks: listing and aborting multipart uploads, part copies, and the 5 MiB minimum part size. The machine image ships
/// it (<c>moto_server</c>, pip package moto with its server extras).
/// </summary>
public sealed class MotoS3Server : LocalS3Server
{
    private static readonly string[] ExtraDirectories = ["/root/.pyenv/shims", "/usr/local/bin"];

    public override bool SupportsMultipartManagement => true;

    public override string AccessKey => "testing";

    public override string SecretKey => "testing";

    protected override Task<ProcessStartInfo> CreateStartInfoAsync(int port)
    {
        string server = ExternalTool.Find("moto_server")
            ?? ExtraDirectories.Select(d => Path.Combine(d, "moto_server")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "'moto_server' was not found on PATH. The S3 multipart tests run moto's server: it comes with the " +
                "machine image (pip package 'moto' with flask, werkzeug and flask-cors).");
        var start = new ProcessStartInfo(server);
        foreach (string argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        return Task.FromResult(start);
    }
}
