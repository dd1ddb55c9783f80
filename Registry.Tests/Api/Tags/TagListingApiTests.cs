using System.Net;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Tags;

/// <summary><c>GET /api/v1/repositories/{name}/tags</c>: tags with digest and push time, sorted by name, push time or version.</summary>
public sealed class TagListingApiTests(TagListingRegistry registry) : IClassFixture<TagListingRegistry>
{
    private static readonly string[] Pushed = ["1.10.0", "latest", "1.9.2", "1.0.0-rc.1", "1.0.0", "v2.0.0", "main", "2"];

    /// <summary>Pushes every tag of <see cref="Pushed"/>, a second apart on the registry's clock, in that order.</summary>
    private async Task<(string Repository, Dictionary<string, (string Digest, DateTimeOffset At)> Pushes)> PushAllAsync()
    {
        string repository = AuthRegistry.UniqueName("ns") + "/app";
        var pushes = new Dictionary<string, (string, DateTimeOffset)>();
        foreach (string tag in Pushed)
        {
            registry.Clock.Advance(TimeSpan.FromSeconds(1));
            pushes[tag] = ((await registry.PushImageAsync(repository, tag)).Digest, registry.Clock.GetUtcNow());
        }

        return (repository, pushes);
    }

    [Fact]
    public async Task List_ByDefault_IsByName_WithDigestsAndPushTimes()
    {
        (string repository, Dictionary<string, (string Digest, DateTimeOffset At)> pushes) = await PushAllAsync();

        var tags = await TagApi.ListAsync(registry.Admin, repository);

        Assert.Equal(Pushed.Order(StringComparer.Ordinal), tags.Select(t => t.Name));
        Assert.Equal(tags.Select(t => pushes[t.Name]), tags.Select(t => (t.Digest, t.PushedAt)));
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
