namespace Registry.Tests.Support;

/// <summary>A theory that needs external container clients; skipped, like <see cref="EndToEndFactAttribute"/>, only with REGISTRY_E2E=0.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EndToEndTheoryAttribute : TheoryAttribute
{
    public EndToEndTheoryAttribute()
    {
        if (EndToEndEnvironment.IsDisabled)
        {
            Skip = $"{EndToEndEnvironment.SwitchVariable}=0 switches the end-to-end client tests off.";
        }
    }
}
