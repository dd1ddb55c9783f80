namespace Registry.Tests.Support;

/// <summary>Whether the end-to-end tests that drive external clients (docker, podman, skopeo) are switched off.</summary>
internal static class EndToEndEnvironment
{
    public const string SwitchVariable = "REGISTRY_E2E";

    /// <summary>
    /// True only when REGISTRY_E2E=0 is set explicitly. Otherwise the tests run, and fail with a clear message
    /// when a client they need is missing.
    /// </summary>
    public static bool IsDisabled => Environment.GetEnvironmentVariable(SwitchVariable) == "0";
}
