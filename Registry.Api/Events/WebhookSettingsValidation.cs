using Microsoft.Extensions.Options;
using Registry.Api.Hosting;

namespace Registry.Api.Events;

/// <summary>Stops the registry at start-up with a message naming the setting when a <c>Registry:Webhooks</c> value is unusable.</summary>
internal sealed class WebhookSettingsValidation : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
        => options.Webhooks.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
