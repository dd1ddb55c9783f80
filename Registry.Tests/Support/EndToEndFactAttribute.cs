namespace Registry.Tests.Support;

/// <summary>
/// A test that needs an external container client. It is skipped only when REGISTRY_E2E=0 is set explicitly;
/// a missing client otherwise fails it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EndToEndFactAttribute : FactAttribute
{
    public EndToEndFactAttribute()
    {
        if (EndToEndEnvironment.IsDisabled)
        {
            Skip = $"{EndToEndEnvironment.SwitchVariable}=0 switches the end-to-end client tests off.";
        }
    }
}
