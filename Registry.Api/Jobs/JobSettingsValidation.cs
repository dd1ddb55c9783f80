using Microsoft.Extensions.Options;

namespace Registry.Api.Jobs;

/// <summary>Stops start-up when a <c>Registry:Jobs</c> lease time-to-live is out of range, naming the setting.</summary>
internal sealed class JobSettingsValidation : IValidateOptions<JobSettings>
{
    public ValidateOptionsResult Validate(string? name, JobSettings options)
        => options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
