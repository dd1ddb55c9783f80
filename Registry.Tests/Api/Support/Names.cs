namespace Registry.Tests.Api;

/// <summary>Unique, valid repository names so tests sharing one registry do not see each other's data.</summary>
public static class Names
{
    public static string Unique(string prefix) => $"{prefix}/r{Guid.NewGuid():N}"[..(prefix.Length + 14)];
}
