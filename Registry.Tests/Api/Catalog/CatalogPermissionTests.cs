using System.Net;
using Registry.Tests.Api.Auth;

namespace Registry.Tests.Api.Catalog;

/// <summary>
/// The catalog shows a caller only the repositories they may pull, in listings, filters and the change feed, and its
/// ETag and cursor do not move with changes the caller cannot see.
/// </summary>
public sealed class CatalogPermissionTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    /// <summary>Two namespaces; the user reads all of the first and one repository of the second.</summary>
    private async Task<(HttpClient Reader, string Readable, string Other)> SetUpAsync()
    {
        string readable = AuthRegistry.UniqueName("r");
        string other = AuthRegistry.UniqueName("o");
        foreach (string repository in new[] { $"{readable}/app", $"{readable}/base/java", $"{other}/granted", $"{other}/secret" })
        {
            await registry.PushImageAsync(repository, "1");
        }

        string user = await registry.CreateUserAsync(("namespace", readable, "reader"), ("repository", $"{other}/granted", "reader"));
        return (registry.Basic(user, AuthRegistry.Password), readable, other);
    }

    [Fact]
    public async Task Listing_ShowsOnlyPullableRepositories_AlsoWhenAskedForOthers()
    {
        (HttpClient reader, string readable, string other) = await SetUpAsync();

        IReadOnlyList<string> all = (await CatalogApi.ListAsync(reader, "n=1000")).Names;

        Assert.Equal([$"{other}/granted:1", $"{readable}/app:1", $"{readable}/base/java:1"], all.Where(n => n.StartsWith(readable) || n.StartsWith(other)).Order(StringComparer.Ordinal));
        Assert.Equal([$"{other}/granted:1"], (await CatalogApi.ListAsync(reader, $"namespace={other}")).Names);
        Assert.Empty((await CatalogApi.ListAsync(reader, $"repository={other}/secret")).Names);
        Assert.Equal(4, (await CatalogApi.ListAsync(registry.Admin, $"namespace={readable}")).Names.Count + (await CatalogApi.ListAsync(registry.Admin, $"namespace={other}")).Names.Count);
    }

    [Fact]
    public async Task ChangeFeedAndETag_IgnoreChangesTheReaderCannotSee()
    {
        (HttpClient reader, string readable, string other) = await SetUpAsync();
        string query = $"namespace={other}";
        CatalogResponse before = await CatalogApi.ListAsync(reader, query);

        await registry.PushImageAsync($"{other}/secret", "2");
        await CatalogApi.DeleteTagAsync(registry.Admin, $"{other}/secret", "1");

        CatalogResponse after = await CatalogApi.GetAsync(reader, query, before.ETag);
        Assert.Equal(HttpStatusCode.NotModified, after.Status);
        CatalogResponse poll = await CatalogApi.ListAsync(reader, $"{query}&since={before.Cursor}");
        Assert.Empty(poll.Names);
        Assert.Equal(before.Cursor, poll.Cursor);
        Assert.Equal([$"{other}/secret:1 deleted", $"{other}/secret:2"], (await CatalogApi.ListAsync(registry.Admin, $"{query}&since={before.Cursor}")).Names);

        await registry.PushImageAsync($"{other}/granted", "2");
        Assert.Equal([$"{other}/granted:2"], (await CatalogApi.ListAsync(reader, $"{query}&since={before.Cursor}")).Names);
        Assert.Empty((await CatalogApi.ListAsync(reader, $"namespace={readable}&since={before.Cursor}")).Names);
    }

    [Fact]
    public async Task ETag_ChangesWhenTheReaderIsGrantedMore()
    {
        (HttpClient reader, _, string other) = await SetUpAsync();
        CatalogResponse before = await CatalogApi.ListAsync(reader, $"namespace={other}");
        string user = reader.DefaultRequestHeaders.Authorization!.Parameter!;
        string name = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(user)).Split(':')[0];

        await AuthRegistry.GrantAsync(registry.Admin, name, "namespace", other, "reader");

        CatalogResponse after = await CatalogApi.GetAsync(reader, $"namespace={other}", before.ETag);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal([$"{other}/granted:1", $"{other}/secret:1"], after.Names);
    }

    [Fact]
    public async Task ACiTokenSeesItsNamespaces()
    {
        (_, string readable, _) = await SetUpAsync();
        CreatedCiToken token = await registry.CreateCiTokenAsync([readable], ["pull"]);

        IReadOnlyList<string> names = (await CatalogApi.ListAsync(registry.Basic(token.Name, token.Secret), "n=1000")).Names;

        Assert.Equal([$"{readable}/app:1", $"{readable}/base/java:1"], names);
    }
}
