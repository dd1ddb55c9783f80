using Microsoft.Extensions.Options;

namespace Registry.Api.Replication;

/// <summary>The data annotations of <see cref="ReplicationSettings"/>, checked at start-up.</summary>
[OptionsValidator]
internal sealed partial class ReplicationSettingsValidator : IValidateOptions<ReplicationSettings>
{
}
