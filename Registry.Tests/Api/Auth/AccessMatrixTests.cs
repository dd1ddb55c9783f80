using System.Net;
using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary>
/// Every role (on namespace <c>own</c>), a user without roles, a CI token and an anonymous client, trying every
/// operation on a repository of their namespace, of another namespace and of a public one — for real, with a token
/// from <c>/token</c> for the operation's scope (and again with Basic credentials on <c>/v2</c>). A refusal is 403
/// DENIED (401 for anonymous clients) and changes nothing.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixFixture registry) : IClassFixture<AccessMatrixFixture>
{
    /// <summary>What each subject may do per target; everything not listed is refused.</summary>
    private static readonly Dictionary<Subject, (Operation[] Own, Operation[] Other, Operation[] Public)> Allowed = new()
    {
        [Subject.Reader] = ([Operation.Pull, Operation.Catalog], [], [Operation.Pull, Operation.Catalog]),
        [Subject.Developer] = ([Operation.Pull, Operation.Push, Operation.Catalog], [], [Operation.Pull, Operation.Catalog]),
        [Subject.Maintainer] = ([Operation.Pull, Operation.Push, Operation.Delete, Operation.Catalog, Operation.Manage], [], [Operation.Pull, Operation.Catalog]),
        [Subject.Admin] = ([Operation.Pull, Operation.Push, Operation.Delete, Operation.Catalog, Operation.Manage], [], [Operation.Pull, Operation.Catalog]),
        [Subject.NoRole] = ([], [], [Operation.Pull, Operation.Catalog]),
        [Subject.CiToken] = ([Operation.Pull, Operation.Push, Operation.Catalog], [], [Operation.Pull, Operation.Catalog]),
        [Subject.Anonymous] = ([], [], [Operation.Pull]),
    };

    public static TheoryData<Subject, Operation, Target, bool> BearerCases()
    {
        var data = new TheoryData<Subject, Operation, Target, bool>();
        foreach (Subject subject in Enum.GetValues<Subject>())
        {
            foreach (Operation operation in Enum.GetValues<Operation>())
            {
                foreach (Target target in Enum.GetValues<Target>())
                {
                    data.Add(subject, operation, target, IsAllowed(subject, operation, target));
                }
            }
        }

        return data;
    }

    /// <summary>Pull, push and delete with Basic credentials straight on /v2 (authorized by current roles).</summary>
    public static TheoryData<Subject, Operation, Target, bool> BasicCases()
    {
        var data = new TheoryData<Subject, Operation, Target, bool>();
        foreach (Subject subject in Enum.GetValues<Subject>().Where(s => s != Subject.Anonymous))
        {
            foreach (Operation operation in new[] { Operation.Pull, Operation.Push, Operation.Delete })
            {
                foreach (Target target in Enum.GetValues<Target>())
                {
                    data.Add(subject, operation, target, IsAllowed(subject, operation, target));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BearerCases))]
    public Task Operation_WithTokenFromTokenEndpoint_IsAllowedOnlyWhereTheRoleAllowsIt(Subject subject, Operation operation, Target target, bool allowed)
        => RunAsync(subject, operation, target, allowed, bearer: true);

    [Theory]
    [MemberData(nameof(BasicCases))]
    public Task Operation_WithBasicCredentialsOnV2_IsAllowedOnlyWhereTheRoleAllowsIt(Subject subject, Operation operation, Target target, bool allowed)
        => RunAsync(subject, operation, target, allowed, bearer: false);

    private static bool IsAllowed(Subject subject, Operation operation, Target target)
    {
        (Operation[] own, Operation[] other, Operation[] pub) = Allowed[subject];
        return (target switch { Target.Own => own, Target.Other => other, _ => pub }).Contains(operation);
    }

    private async Task RunAsync(Subject subject, Operation operation, Target target, bool allowed, bool bearer)
    {
        string repository = AccessMatrixFixture.Repository(target);
        switch (operation)
        {
            case Operation.Pull:
                await PullAsync(subject, repository, allowed, bearer);
                break;
            case Operation.Push:
                await PushAsync(subject, repository, allowed, bearer);
                break;
            case Operation.Delete:
                await DeleteAsync(subject, repository, allowed, bearer);
                break;
            case Operation.Catalog:
                await CatalogAsync(subject, repository, allowed, bearer);
                break;
            default:
                await ManageAsync(subject, repository, allowed);
                break;
        }
    }

    /// <summary>A client for the subject: a bearer token for the scope from /token, or its Basic credentials.</summary>
    private async Task<HttpClient> ClientAsync(Subject subject, bool bearer, string scope)
    {
        if (!bearer)
        {
            return registry.ClientFor(subject);
        }

        (string Name, string Password)? credentials = registry.Credentials(subject);
        return await registry.BearerForAsync(credentials?.Name, credentials?.Password, scope);
    }

    private async Task PullAsync(Subject subject, string repository, bool allowed, bool bearer)
    {
        using HttpClient client = await ClientAsync(subject, bearer, $"repository:{repository}:pull");

        using HttpResponseMessage response = await client.GetAsync($"/v2/{repository}/manifests/v1");

        await ExpectAsync(response, subject, allowed, HttpStatusCode.OK);
    }

    private async Task PushAsync(Subject subject, string repository, bool allowed, bool bearer)
    {
        using HttpClient client = await ClientAsync(subject, bearer, $"repository:{repository}:pull,push");
        byte[] config = Manifests.Config();
        byte[] layer = Digests.RandomBytes(48);
        byte[] manifest = Manifests.OciImage(Descriptor.For(MediaTypes.OciConfig, config), [Descriptor.For(MediaTypes.OciLayer, layer)]);
        string tag = "p" + Guid.NewGuid().ToString("N")[..8];

        using HttpResponseMessage configUpload = await client.SendAsync(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/?digest={Digests.Sha256(config)}", config, MediaTypes.OctetStream);
        using HttpResponseMessage layerUpload = await client.SendAsync(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/?digest={Digests.Sha256(layer)}", layer, MediaTypes.OctetStream);
        using HttpResponseMessage put = await client.PutManifestAsync(repository, tag, manifest, MediaTypes.OciManifest);

        await ExpectAsync(configUpload, subject, allowed, HttpStatusCode.Created);
        await ExpectAsync(layerUpload, subject, allowed, HttpStatusCode.Created);
        await ExpectAsync(put, subject, allowed, HttpStatusCode.Created);
        using HttpResponseMessage blob = await registry.Admin.HeadAsync($"/v2/{repository}/blobs/{Digests.Sha256(layer)}");
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound, blob.StatusCode);
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound, await registry.ManifestStatusAsync(repository, tag));
    }

    private async Task DeleteAsync(Subject subject, string repository, bool allowed, bool bearer)
    {
        PushedManifest throwaway = await registry.PushImageAsync(repository);
        using HttpClient client = await ClientAsync(subject, bearer, $"repository:{repository}:delete");

        using HttpResponseMessage response = await client.DeleteAsync($"/v2/{repository}/manifests/{throwaway.Digest}");

        await ExpectAsync(response, subject, allowed, HttpStatusCode.Accepted);
        Assert.Equal(allowed ? HttpStatusCode.NotFound : HttpStatusCode.OK, await registry.ManifestStatusAsync(repository, throwaway.Digest));
    }

    private async Task CatalogAsync(Subject subject, string repository, bool listed, bool bearer)
    {
        using HttpClient client = await ClientAsync(subject, bearer, "registry:catalog:*");

        using HttpResponseMessage response = await client.GetAsync("/v2/_catalog");

        if (subject == Subject.Anonymous)
        {
            Assert.False(listed);
            await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            return;
        }

        await OciAssert.SuccessAsync(response, HttpStatusCode.OK);
        using JsonDocument json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        List<string> names = [.. json.RootElement.GetProperty("repositories").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Equal(listed, names.Contains(repository));
    }

    /// <summary>Tag deletion through the management API, which takes Basic credentials (none for anonymous).</summary>
    private async Task ManageAsync(Subject subject, string repository, bool allowed)
    {
        string tag = "m" + Guid.NewGuid().ToString("N")[..8];
        await registry.PushImageAsync(repository, tag);
        using HttpClient client = registry.ClientFor(subject);

        using HttpResponseMessage response = await client.DeleteAsync($"/api/v1/repositories/{repository}/tags/{tag}");

        await ExpectAsync(response, subject, allowed, HttpStatusCode.NoContent);
        Assert.Equal(allowed ? HttpStatusCode.NotFound : HttpStatusCode.OK, await registry.ManifestStatusAsync(repository, tag));
    }

    /// <summary>Allowed: the success status. Refused: 401 UNAUTHORIZED for anonymous clients, else 403 DENIED.</summary>
    private static async Task ExpectAsync(HttpResponseMessage response, Subject subject, bool allowed, HttpStatusCode success)
    {
        if (allowed)
        {
            await OciAssert.SuccessAsync(response, success);
        }
        else if (subject == Subject.Anonymous)
        {
            await OciAssert.ErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            Assert.NotNull(response.Headers.WwwAuthenticate.FirstOrDefault());
        }
        else
        {
            await OciAssert.ErrorAsync(response, HttpStatusCode.Forbidden, "DENIED");
        }
    }
}
