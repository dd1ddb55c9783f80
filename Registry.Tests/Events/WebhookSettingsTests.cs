using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Registry.Tests.Api;

namespace Registry.Tests.Events;

/// <summary>Unusable <c>Registry:Webhooks</c> settings stop the registry at start-up, naming the setting.</summary>
public sealed class WebhookSettingsTests
{
    [Theory]
    [InlineData("Timeout", "00:00:00", "Registry:Webhooks:Timeout")]
    [InlineData("MaxAttempts", "0", "Registry:Webhooks:MaxAttempts")]
    [InlineData("InitialBackoff", "-00:00:01", "Registry:Webhooks:InitialBackoff")]
    [InlineData("MaxBackoff", "00:00:01", "Registry:Webhooks:MaxBackoff")]
    [InlineData("PollInterval", "00:00:00", "Registry:Webhooks:PollInterval")]
    [InlineData("MaxConcurrency", "0", "Registry:Webhooks:MaxConcurrency")]
    [InlineData("RefreshInterval", "00:00:00", "Registry:Webhooks:RefreshInterval")]
    [InlineData("Retention", "00:00:00", "Registry:Webhooks:Retention")]
    public void InvalidSetting_StopsStartUp_NamingIt(string setting, string value, string named)
    {
        using var factory = new RegistryApiFactory();
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting($"Registry:Webhooks:{setting}", value));

        var error = Assert.ThrowsAny<Exception>(() => configured.CreateClient());

        OptionsValidationException validation = Assert.IsType<OptionsValidationException>(error is AggregateException a ? a.InnerExceptions[0] : error);
        Assert.Contains(named, validation.Message, StringComparison.Ordinal);
    }
}
