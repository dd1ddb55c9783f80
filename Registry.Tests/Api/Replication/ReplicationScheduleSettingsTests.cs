using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Registry.Tests.Api.Replication;

/// <summary>The scheduler's and retries' settings out of range stop start-up with a message naming the setting.</summary>
public sealed class ReplicationScheduleSettingsTests
{
    [Theory]
    [InlineData("Registry:Replication:PollInterval", "00:00:00", "Registry:Replication:PollInterval")]
    [InlineData("Registry:Replication:RetryFirstDelay", "00:00:00", "Registry:Replication:RetryFirstDelay")]
    [InlineData("Registry:Replication:RetryMaxDelay", "2.00:00:00", "Registry:Replication:RetryMaxDelay")]
    [InlineData("Registry:Replication:RetryAttempts", "-1", "Registry:Replication:RetryAttempts")]
    [InlineData("Registry:Replication:RetryMaxDelay", "00:00:10", "Registry:Replication:RetryMaxDelay must be at least Registry:Replication:RetryFirstDelay")]
    public void StartUp_WithASettingOutOfRange_FailsNamingIt(string key, string value, string named)
    {
        using var registry = new RegistryApiFactory();
        using var configured = registry.WithWebHostBuilder(builder => builder.UseSetting(key, value));

        var failure = Assert.ThrowsAny<OptionsValidationException>(() => configured.CreateClient());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }
}
