using Registry.Core.Primitives;

namespace Registry.Api.Auth;

/// <summary>Open access (authentication switched off): everyone may do everything.</summary>
internal sealed class OpenAccessGate : IAccessGate
{
    public ValueTask<IResult?> AuthorizeAsync(HttpContext context, RepositoryName? repository, RegistryAction action)
        => ValueTask.FromResult<IResult?>(null);

    public ValueTask<IResult?> AuthorizeMirrorAsync(HttpContext context, RepositoryName requested, RepositoryName mapped, RegistryAction action)
        => ValueTask.FromResult<IResult?>(null);

    public ValueTask<MountSourceAccess> AuthorizeMountSourceAsync(HttpContext context, RepositoryName target, RepositoryName source)
        => ValueTask.FromResult(MountSourceAccess.Allowed);

    public ValueTask<Func<string, bool>?> GetRepositoryFilterAsync(HttpContext context) => ValueTask.FromResult<Func<string, bool>?>(null);
}
