using System.Net;
using Registry.Tests.Support;
using Xunit.Abstractions;

namespace Registry.Tests.EndToEnd;

/// <summary>
/// docker against access control as users meet it: <c>docker login</c> as a user with a role on a namespace,
/// refusals with the registry's own message, public namespaces pulled anonymously, and the audit of pushes.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DockerLoginTests(DockerDaemon docker, ITestOutputHelper output)
    : RegistryProcessTest(output, "e2e-docker-login-")
{
    [EndToEndFact]
    public async Task DockerLogin_AsDeveloperOfNamespace_PushesAndPullsImage_AndAuditNamesTheUser()
    {
        using var http = Registry.CreateClient();
        var management = new ManagementClient(http);
        await management.CreateUserWithRoleAsync("alice", "alice-password-1", "developer", "team", CancellationToken.None);
        await docker.LoginAsync(Registry.HostPort, "alice", "alice-password-1");

        var context = await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 401, CancellationToken.None);
        var tagged = $"{Registry.HostPort}/team/app:1";
        await DockerImages.BuildAsync(docker, context, tagged);
        var (_, digest) = await DockerImages.PushAsync(docker, tagged);

        var manifest = await new DistributionClient(http).GetManifestAsync("team/app", "1", CancellationToken.None);
        Assert.True(manifest.StatusCode == HttpStatusCode.OK, $"GET team/app:1 after alice's docker push: {manifest}");
        Assert.Equal(digest, manifest.DockerContentDigest);
        var pushes = await management.ListAuditAsync("manifest.push", CancellationToken.None);
        Assert.Contains(("alice", "team/app:1", true), pushes);

        await docker.Docker("rmi", tagged);
        Assert.False(await DockerImages.ExistsLocallyAsync(docker, tagged));
        var pulled = await docker.Docker("pull", tagged);
        Assert.Contains($"Digest: {digest}", pulled.StandardOutput, StringComparison.Ordinal);
        FileTreeAssert.ContainsExactly(context.Files, await DockerImages.ExtractDataAsync(docker, tagged, Work.Combine("pulled")));
        await docker.Docker("rmi", tagged);
    }

    [EndToEndFact]
    public async Task DockerPush_AsReader_IsDeniedWithTheRegistrysMessage_AndStoresNothing()
    {
        using var http = Registry.CreateClient();
        var distribution = new DistributionClient(http);
        await new ManagementClient(http).CreateUserWithRoleAsync("bob", "bob-password-1", "reader", "team", CancellationToken.None);
        await docker.LoginAsync(Registry);
        var published = $"{Registry.HostPort}/team/app:1";
        await DockerImages.BuildAsync(docker, await DockerBuildContext.WriteAsync(Work.Combine("published"), seed: 402, CancellationToken.None), published);
        var (_, publishedDigest) = await DockerImages.PushAsync(docker, published);
        await docker.Docker("rmi", published);

        // A reader pulls...
        await docker.LoginAsync(Registry.HostPort, "bob", "bob-password-1");
        var pulled = await docker.Docker("pull", published);
        Assert.Contains($"Digest: {publishedDigest}", pulled.StandardOutput, StringComparison.Ordinal);

        // ...but may not push, and docker shows why.
        var refused = $"{Registry.HostPort}/team/app:2";
        await DockerImages.BuildAsync(docker, await DockerBuildContext.WriteAsync(Work.Combine("refused"), seed: 403, CancellationToken.None), refused);
        var blobsBefore = Registry.StoredBlobDigests();
        var push = await docker.DockerUncheckedAsync(["push", refused], CancellationToken.None);
        Output.WriteLine(push.Describe());

        Assert.False(push.Succeeded, $"bob (reader) could push.\n{push.Describe()}");
        var said = push.StandardOutput + push.StandardError;
        Assert.Contains("denied", said, StringComparison.Ordinal);
        Assert.Contains("user 'bob' may not push on 'team/app'", said, StringComparison.Ordinal);
        Assert.Equal(["1"], await distribution.GetTagsAsync("team/app", CancellationToken.None));
        var blobsAfter = Registry.StoredBlobDigests();
        Assert.True(
            blobsAfter.SetEquals(blobsBefore),
            $"The refused push stored blobs: {string.Join(", ", blobsAfter.Except(blobsBefore))}");
        await docker.Docker("rmi", published, refused);
    }

    [EndToEndFact]
    public async Task DockerPull_Anonymous_OfPublicNamespaceSucceeds_AndOfPrivateRepositoryIsRefused()
    {
        using var http = Registry.CreateClient();
        await new ManagementClient(http).SetPublicAsync("namespace", "pub", CancellationToken.None);
        await docker.LoginAsync(Registry);
        var context = await DockerBuildContext.WriteAsync(Work.Combine("context"), seed: 404, CancellationToken.None);
        var publicImage = $"{Registry.HostPort}/pub/app:1";
        var privateImage = $"{Registry.HostPort}/team/secret:1";
        await DockerImages.BuildAsync(docker, context, publicImage);
        var (_, digest) = await DockerImages.PushAsync(docker, publicImage);
        await docker.Docker("tag", publicImage, privateImage);
        await DockerImages.PushAsync(docker, privateImage);
        await docker.Docker("rmi", publicImage, privateImage);

        await docker.LogoutAsync(Registry.HostPort);

        var pulled = await docker.Docker("pull", publicImage);
        Assert.Contains($"Digest: {digest}", pulled.StandardOutput, StringComparison.Ordinal);
        FileTreeAssert.ContainsExactly(context.Files, await DockerImages.ExtractDataAsync(docker, publicImage, Work.Combine("public")));

        var refusedPull = await docker.DockerUncheckedAsync(["pull", privateImage], CancellationToken.None);
        Output.WriteLine(refusedPull.Describe());
        Assert.False(refusedPull.Succeeded, $"An anonymous client pulled a private repository.\n{refusedPull.Describe()}");
        Assert.Contains("denied", refusedPull.StandardError, StringComparison.Ordinal);
        Assert.False(await DockerImages.ExistsLocallyAsync(docker, privateImage));

        // Public means anyone may pull, not push.
        var anonymousPush = $"{Registry.HostPort}/pub/app:2";
        await docker.Docker("tag", publicImage, anonymousPush);
        var refusedPush = await docker.DockerUncheckedAsync(["push", anonymousPush], CancellationToken.None);
        Output.WriteLine(refusedPush.Describe());
        Assert.False(refusedPush.Succeeded, $"An anonymous client pushed to a public namespace.\n{refusedPush.Describe()}");
        Assert.Contains("unauthorized: authentication required", refusedPush.StandardError, StringComparison.Ordinal);
        Assert.Equal(["1"], await new DistributionClient(http).GetTagsAsync("pub/app", CancellationToken.None));
        await docker.Docker("rmi", publicImage, anonymousPush);
    }

    [EndToEndFact]
    public async Task DockerLogin_WithRevokedCiToken_PrintsThatTheTokenWasRevoked()
    {
        using var http = Registry.CreateClient();
        var management = new ManagementClient(http);
        var (id, secret) = await management.CreateCiTokenAsync("ci-deploy", ["team"], ["pull"], expiresInDays: 30, CancellationToken.None);
        await docker.LoginAsync(Registry.HostPort, "ci-deploy", secret);

        await management.RevokeCiTokenAsync(id, CancellationToken.None);
        var refused = await docker.LoginUncheckedAsync(Registry.HostPort, "ci-deploy", secret, CancellationToken.None);
        var wrongName = await docker.LoginUncheckedAsync(Registry.HostPort, "someone-else", secret, CancellationToken.None);
        Output.WriteLine(refused.Describe());
        Output.WriteLine(wrongName.Describe());

        Assert.False(refused.Succeeded, $"docker login took a revoked CI token.\n{refused.Describe()}");
        Assert.True(
            refused.StandardError.Contains("CI token 'ci-deploy' has been revoked", StringComparison.Ordinal),
            $"Expected docker login to say that the CI token was revoked.\n{refused.Describe()}");
        Assert.False(wrongName.Succeeded, $"docker login took a CI token secret under another name.\n{wrongName.Describe()}");
        Assert.True(
            wrongName.StandardError.Contains("incorrect username or password", StringComparison.Ordinal)
            && !wrongName.StandardError.Contains("revoked", StringComparison.Ordinal),
            $"A secret sent with another name should get only the generic answer.\n{wrongName.Describe()}");
    }
}
