using System.Net;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Tags;

/// <summary><c>GET /api/v1/repositories/{name}/tags</c>: tags with digest and push time, sorted by name, push time or version.</summary>
public sealed class TagListingApiTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private static readonly string[] Pushed = ["1.10.0", "latest", "1.9.2", "1.0.0-rc.1", "1.0.0", "v2.0.0", "main", "2"];

    private async Task<(string Repository, Dictionary<string, string> Digests)> PushAllAsync()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        var digests = new Dictionary<string, string>();
        foreach (string tag in Pushed)
        {
            digests[tag] = (await registry.PushImageAsync(repository, tag)).Digest;
            await Task.Delay(5);   // distinct push times, in push order
        }

        return (repository, digests);
    }

    [Fact]
    public async Task List_ByDefault_IsByName_WithDigestsAndPushTimes()
    {
        (string repository, Dictionary<string, string> digests) = await PushAllAsync();

        var tags = await TagApi.ListAsync(registry.Admin, repository);

        Assert.Equal(Pushed.Order(StringComparer.Ordinal), tags.Select(t => t.Name));
        Assert.All(tags, t => Assert.Equal(digests[t.Name], t.Digest));
        Assert.All(tags, t => Assert.InRange(t.PushedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task List_SortedBySemver_PutsVersionsByPrecedence_AndOtherTagsLast()
    {
        (string repository, _) = await PushAllAsync();

        Assert.Equal(["1.0.0-rc.1", "1.0.0", "1.9.2", "1.10.0", "v2.0.0", "2", "latest", "main"],
            (await TagApi.ListAsync(registry.Admin, repository, "?sort=semver")).Select(t => t.Name));
        Assert.Equal(["2", "v2.0.0", "1.10.0", "1.9.2", "1.0.0", "1.0.0-rc.1", "latest", "main"],
            (await TagApi.ListAsync(registry.Admin, repository, "?sort=semver&order=desc")).Select(t => t.Name));
    }

    [Fact]
    public async Task List_SortedByPushTime_FollowsThePushes()
    {
        (string repository, _) = await PushAllAsync();

        Assert.Equal(Pushed, (await TagApi.ListAsync(registry.Admin, repository, "?sort=pushed")).Select(t => t.Name));
        Assert.Equal(Pushed.Reverse(), (await TagApi.ListAsync(registry.Admin, repository, "?sort=pushed&order=desc")).Select(t => t.Name));
    }

    [Theory]
    [InlineData("?sort=size")]
    [InlineData("?order=up")]
    [InlineData("?sort=SEMVER")]
    public async Task List_WithAnUnknownSortOrOrder_Is400(string query)
    {
        using HttpResponseMessage response = await registry.Admin.GetAsync($"/api/v1/repositories/{AuthRegistry.UniqueName("ns")}/app/tags{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_OfAnUnknownRepository_IsEmpty()
    {
        Assert.Empty(await TagApi.ListAsync(registry.Admin, AuthRegistry.UniqueName("ns") + "/app"));
    }
}
