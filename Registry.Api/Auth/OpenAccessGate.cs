using Registry.Core.Primitives;

namespace Registry.Api.Auth;

/// <summary>Open access: everyone may do everything. Replaced when authentication is configured.</summary>
internal sealed class OpenAccessGate : IAccessGate
{
    public ValueTask<IResult?> AuthorizeAsync(HttpContext context, RepositoryName? repository, RegistryAction action)
        => ValueTask.FromResult<IResult?>(null);
}
