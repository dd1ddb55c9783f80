using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Registry.Tests.Api.Auth;

/// <summary>A registry that refuses an account after 3 failed logins and a client address after 6.</summary>
public sealed class ThrottledRegistry() : AuthRegistry(new Dictionary<string, string>
{
    ["Registry:Auth:LoginThrottle:MaxFailuresPerUser"] = ThrottledRegistry.PerUser.ToString(CultureInfo.InvariantCulture),
    ["Registry:Auth:LoginThrottle:MaxFailuresPerAddress"] = ThrottledRegistry.PerAddress.ToString(CultureInfo.InvariantCulture),
})
{
    public const int PerUser = 3;
    public const int PerAddress = 6;
}

/// <summary>Failed logins throttle the account (everywhere) and the client address (for every account), with 429 and Retry-After.</summary>
public sealed class LoginThrottleTests(ThrottledRegistry registry) : IClassFixture<ThrottledRegistry>
{
    private static string UniqueAddress() => $"10.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(256)}.{RandomNumberGenerator.GetInt32(1, 255)}";

    private async Task<HttpStatusCode> LoginAsync(string user, string password, string address)
    {
        using HttpClient client = registry.Basic(user, password, address);
        using HttpResponseMessage response = await client.GetAsync("/v2/");
        return response.StatusCode;
    }

    private async Task FailAsync(string user, string address, int times)
    {
        for (int i = 0; i < times; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(user, "wrong-password", address));
        }
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        Assert.True(int.TryParse(response.Header("Retry-After"), NumberStyles.None, CultureInfo.InvariantCulture, out int seconds),
            $"Retry-After '{response.Header("Retry-After")}' is a number of seconds");
        Assert.InRange(seconds, 1, 300);
    }

    [Fact]
    public async Task AfterMaxFailuresPerUser_TheCorrectPasswordIsRefusedWith429AndRetryAfter_OnV2AndTokenAndManagementApi()
    {
        string user = await registry.CreateUserAsync();
        string address = UniqueAddress();
        await FailAsync(user, address, ThrottledRegistry.PerUser);
        using HttpClient client = registry.Basic(user, AuthRegistry.Password, address);

        using HttpResponseMessage v2 = await client.GetAsync("/v2/");
        using HttpResponseMessage token = await AuthRegistry.RequestTokenAsync(client, "repository:a/b:pull");
        using HttpResponseMessage management = await client.GetAsync("/api/v1/me");
        using HttpResponseMessage grant = await registry.Anonymous(address).PostAsync("/token", new FormUrlEncodedContent(
            [KeyValuePair.Create("grant_type", "password"), KeyValuePair.Create("username", user), KeyValuePair.Create("password", AuthRegistry.Password)]));

        await OciAssert.ErrorAsync(v2, HttpStatusCode.TooManyRequests, "TOOMANYREQUESTS");
        AssertRetryAfter(v2);
        await OciAssert.ErrorAsync(token, HttpStatusCode.TooManyRequests, "TOOMANYREQUESTS");
        AssertRetryAfter(token);
        await OciAssert.ErrorAsync(management, HttpStatusCode.TooManyRequests, "TOOMANYREQUESTS");
        AssertRetryAfter(management);
        Assert.Equal(HttpStatusCode.TooManyRequests, grant.StatusCode);
        AssertRetryAfter(grant);
    }

    [Fact]
    public async Task FewerFailuresThanTheLimit_DoNotThrottle()
    {
        string user = await registry.CreateUserAsync();
        string address = UniqueAddress();

        await FailAsync(user, address, ThrottledRegistry.PerUser - 1);

        Assert.Equal(HttpStatusCode.OK, await LoginAsync(user, AuthRegistry.Password, address));
    }

    [Fact]
    public async Task ASuccessfulLogin_ClearsTheAccountsFailures()
    {
        string user = await registry.CreateUserAsync();
        string address = UniqueAddress();
        await FailAsync(user, address, ThrottledRegistry.PerUser - 1);
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(user, AuthRegistry.Password, address));

        // Counting starts again: a full allowance of wrong passwords is answered 401, and only the next attempt 429.
        await FailAsync(user, UniqueAddress(), ThrottledRegistry.PerUser);

        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(user, "wrong-password", UniqueAddress()));
    }

    [Fact]
    public async Task AThrottledAccount_IsRefusedFromEveryAddress()
    {
        string user = await registry.CreateUserAsync();
        await FailAsync(user, UniqueAddress(), ThrottledRegistry.PerUser);

        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(user, AuthRegistry.Password, UniqueAddress()));
    }

    [Fact]
    public async Task OtherUsersFromTheSameAddress_WorkUntilThePerAddressLimit_ThenAreRefusedThereOnly()
    {
        string address = UniqueAddress();
        string attacked = await registry.CreateUserAsync();
        string neighbour = await registry.CreateUserAsync();
        string later = await registry.CreateUserAsync();
        await FailAsync(attacked, address, ThrottledRegistry.PerUser);
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(attacked, AuthRegistry.Password, address));

        Assert.Equal(HttpStatusCode.OK, await LoginAsync(neighbour, AuthRegistry.Password, address));

        await FailAsync(AuthRegistry.UniqueName("ghost"), address, ThrottledRegistry.PerAddress - ThrottledRegistry.PerUser);
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(later, AuthRegistry.Password, address));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(later, AuthRegistry.Password, UniqueAddress()));
    }

    [Fact]
    public async Task ThrottledAttempts_AreAuditedAsFailures_WithoutCountingAsNewFailures()
    {
        string user = await registry.CreateUserAsync();
        string address = UniqueAddress();
        await FailAsync(user, address, ThrottledRegistry.PerUser);

        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(user, AuthRegistry.Password, address));

        List<JsonElement> entries = await registry.AuditAsync($"actor={user}&action=login.failure");
        Assert.Equal(ThrottledRegistry.PerUser + 1, entries.Count);
        Assert.All(entries, e => Assert.False(e.GetProperty("success").GetBoolean()));
        Assert.All(entries, e => Assert.Equal(address, e.GetProperty("clientAddress").GetString()));
        Assert.Contains("throttled", entries[0].GetProperty("detail").GetString());
    }
}
