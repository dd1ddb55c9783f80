namespace Registry.Api.Management.Access;

/// <summary>Endpoint metadata: the endpoint needs an authenticated management caller (see <see cref="ManagementAuthentication"/>).</summary>
internal sealed class ManagementCallerRequired
{
    public static ManagementCallerRequired Instance { get; } = new();
}
