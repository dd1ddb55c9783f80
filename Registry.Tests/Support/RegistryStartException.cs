namespace Registry.Tests.Support;

/// <summary>The registry process did not come up; the message carries what it printed.</summary>
internal sealed class RegistryStartException(string message) : Exception(message);
