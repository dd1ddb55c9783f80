using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Registry.Tests.Api;

namespace Registry.Tests.Hosting;

/// <summary>Out-of-range settings in nested sections stop start-up with a message naming the setting.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("Registry:Pagination:MaxPageSize", "0", "Registry:Pagination:MaxPageSize")]
    [InlineData("Registry:Manifests:MaxBytes", "10", "Registry:Manifests:MaxBytes")]
    [InlineData("Registry:Auth:LoginThrottle:MaxFailuresPerUser", "0", "Registry:Auth:LoginThrottle:MaxFailuresPerUser")]
    [InlineData("Registry:Gc:Interval", "00:00:00", "Registry:Gc:Interval")]
    [InlineData("Registry:Gc:PinDuration", "00:00:00", "Registry:Gc:PinDuration")]
    [InlineData("Registry:Gc:ReviewDelay", "-00:01:00", "Registry:Gc:ReviewDelay")]
    [InlineData("Registry:Retention:PollInterval", "00:00:00", "Registry:Retention:PollInterval")]
    [InlineData("Registry:Console:PageSize", "0", "Registry:Console:PageSize")]
    [InlineData("Registry:Console:SessionLifetime", "00:00:10", "Registry:Console:SessionLifetime")]
    [InlineData("Registry:Jobs:LeaseTtl", "00:00:00", "Registry:Jobs:LeaseTtl")]
    [InlineData("Registry:Jobs:LeaseTtls:gc", "00:30:00", "Registry:Jobs:LeaseTtls:gc")]
    [InlineData("Registry:Network:TcpNotSentLowWatermark", "-1", "Registry:Network:TcpNotSentLowWatermark")]
    public void StartUp_WithANestedSettingOutOfRange_FailsNamingIt(string key, string value, string named)
    {
        using var registry = new RegistryApiFactory();
        using var configured = registry.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => configured.CreateClient());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartUp_WithDefaults_Passes()
    {
        using var registry = new RegistryApiFactory();
        using HttpClient client = registry.CreateRegistryClient();

        using HttpResponseMessage response = await client.GetAsync("/v2/");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
