using Microsoft.Extensions.Options;

namespace Registry.Api.Hosting;

/// <summary>Checks <see cref="NetworkSettings"/>' data annotations at start-up (source-generated).</summary>
[OptionsValidator]
internal sealed partial class NetworkSettingsValidator : IValidateOptions<NetworkSettings>
{
}
