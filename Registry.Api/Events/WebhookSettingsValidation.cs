using Microsoft.Extensions.Options;

namespace Registry.Api.Events;

/// <summary>Stops the registry at start-up with a message naming the setting when a <c>Registry:Webhooks</c> value is unusable.</summary>
internal sealed class WebhookSettingsValidation : IValidateOptions<WebhookSettings>
{
    public ValidateOptionsResult Validate(string? name, WebhookSettings options)
        => options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
