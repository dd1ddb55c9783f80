using System.Diagnostics;
using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// A CI job's view of access control: skopeo signs in with a CI token (user name = token name, password = secret),
/// pushes within the token's namespace, is refused elsewhere, and is locked out once the token is revoked.
/// </summary>
[Collection(SkopeoCollection.Name)]
public sealed class SkopeoCiTokenTests(SkopeoClient skopeo, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-skopeo-ci-")
{
    /// <summary>Revocation takes effect at once on the node that revoked; other nodes notice within seconds.</summary>
    private static readonly TimeSpan RevocationDeadline = TimeSpan.FromSeconds(5);

    [EndToEndFact]
    public async Task SkopeoCopy_WithCiToken_PushesToItsNamespace_IsDeniedElsewhere_AndFailsAfterRevocation()
    {
        var layout = await OciLayoutBuilder.WriteMultiPlatformImageAsync(Work.Combine("layout"), "v1", CancellationToken.None);
        using var http = Registry.CreateClient();
        var management = new ManagementClient(http);
        var distribution = new DistributionClient(http);
        var (id, secret) = await management.CreateCiTokenAsync("ci-bot", ["team"], ["pull", "push"], expiresInDays: 30, CancellationToken.None);
        Assert.StartsWith("rgt_", secret, StringComparison.Ordinal);
        var credentials = $"ci-bot:{secret}";

        await skopeo.Skopeo(CopyTo("team/app:v1", credentials, layout));

        var manifest = await distribution.GetManifestAsync("team/app", "v1", CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET team/app:v1 after the CI token's skopeo copy: {manifest}");
        Assert.Equal(layout.IndexDigest, manifest.DockerContentDigest);
        Assert.Contains(("token:ci-bot", "team/app:v1", true), await management.ListAuditAsync("manifest.push", CancellationToken.None));

        var outside = await skopeo.SkopeoUncheckedAsync(CopyTo("other/app:v1", credentials, layout), CancellationToken.None);
        Assert.False(outside.Succeeded, $"The CI token for 'team' pushed to 'other'.\n{outside.Describe()}");
        // skopeo's first request there is a HEAD, whose 403 carries no body to quote.
        Assert.True(
            outside.StandardError.Contains("other/app: 403 (Forbidden)", StringComparison.Ordinal),
            $"Expected skopeo to report 403 on other/app.\n{outside.Describe()}");

        await management.RevokeCiTokenAsync(id, CancellationToken.None);

        var revoked = await CopyUntilRefusedAsync(CopyTo("team/app:v2", credentials, layout));
        Assert.True(
            revoked.StandardError.Contains("invalid username/password", StringComparison.Ordinal),
            $"Expected skopeo to report an authentication failure with the revoked CI token.\n{revoked.Describe()}");
        Assert.Equal(["v1"], await distribution.GetTagsAsync("team/app", CancellationToken.None));
    }

    private string[] CopyTo(string destination, string credentials, OciLayout layout) =>
    [
        "copy", "--all", "--dest-tls-verify=false", "--dest-creds", credentials,
        layout.Reference, $"docker://{Registry.HostPort}/{destination}",
    ];

    /// <summary>Repeats the copy until it fails (within <see cref="RevocationDeadline"/>) and returns the failure.</summary>
    private async Task<ProcessResult> CopyUntilRefusedAsync(string[] copy)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var result = await skopeo.SkopeoUncheckedAsync(copy, CancellationToken.None);
            if (!result.Succeeded)
            {
                return result;
            }

            Assert.True(
                Stopwatch.GetElapsedTime(started) < RevocationDeadline,
                $"skopeo still pushes with the CI token {RevocationDeadline.TotalSeconds:F0} s after it was revoked.\n{result.Describe()}");
            await Task.Delay(250);
        }
    }
}
