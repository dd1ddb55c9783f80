using System.Net;
using System.Text.Json;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A registry started without Registry__Auth__AdminPassword, as an operator who chose none: the first start prints a
/// generated password for <c>admin</c> once, and <c>docker login</c> takes it.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class GeneratedAdminPasswordTests(DockerDaemon docker, ITestOutputHelper output)
{
    private const string Banner = "Registry created the account 'admin' with this generated password:";

    [EndToEndFact]
    public async Task FirstStart_PrintsGeneratedAdminPasswordOnce_AndDockerLoginAcceptsItBeforeAndAfterRestart()
    {
        await using var registry = await RegistryProcess.StartWithGeneratedAdminPasswordAsync();
        try
        {
            var password = await ReadPrintedPasswordAsync(registry);
            Assert.NotEqual(RegistryProcess.DefaultAdminPassword, password);

            var wrong = await docker.LoginUncheckedAsync(registry.HostPort, "admin", RegistryProcess.DefaultAdminPassword, CancellationToken.None);
            Assert.False(wrong.Succeeded, $"docker login took a password the registry never had.\n{wrong.Describe()}");
            await docker.LoginAsync(registry.HostPort, "admin", password);
            using (var admin = registry.CreateClient("admin", password))
            using (var me = await admin.GetAsync("api/v1/me"))
            {
                await BlobUploadClient.ExpectAsync(HttpStatusCode.OK, me, "GET /api/v1/me with the printed password", CancellationToken.None);
                using var json = JsonDocument.Parse(await me.Content.ReadAsStringAsync());
                Assert.Equal("admin", json.RootElement.GetProperty("subject").GetString());
                Assert.True(json.RootElement.GetProperty("globalAdmin").GetBoolean());
            }

            await registry.RestartAsync(CancellationToken.None);

            Assert.Equal(1, CountBanners(registry.RecentOutput(int.MaxValue)));
            await docker.LogoutAsync(registry.HostPort);
            await docker.LoginAsync(registry.HostPort, "admin", password);
            await docker.LogoutAsync(registry.HostPort);
        }
        finally
        {
            output.WriteLine("--- registry output ---");
            output.WriteLine(registry.RecentOutput(300));
        }
    }

    /// <summary>The line after the banner's first line, trimmed: the password, printed before the registry listens.</summary>
    private static async Task<string> ReadPrintedPasswordAsync(RegistryProcess registry)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var lines = registry.RecentOutput(int.MaxValue).Split('\n').Select(line => line.Trim()).ToList();
            var banner = lines.FindIndex(line => line.Contains(Banner, StringComparison.Ordinal));
            var password = banner < 0 ? null : lines.Skip(banner + 1).FirstOrDefault(line => line.Length > 0);
            if (password is not null)
            {
                Assert.DoesNotContain(' ', password);
                return password;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The registry printed no generated admin password.\n{registry.RecentOutput()}");
    }

    private static int CountBanners(string output) =>
        output.Split('\n').Count(line => line.Contains(Banner, StringComparison.Ordinal));
}
