using Registry.Core.Primitives;

namespace Registry.Api.Auth;

/// <summary>
/// The one place every registry request is authorized, after its path was parsed and before its handler runs.
/// Returns null when the request may proceed, otherwise the result to answer with (401 challenge or 403 DENIED).
/// It does not touch the response itself, so handlers may also ask it quietly (e.g. pull access to a mount source).
/// </summary>
internal interface IAccessGate
{
    ValueTask<IResult?> AuthorizeAsync(HttpContext context, RepositoryName? repository, RegistryAction action);

    /// <summary>
    /// Pull access to the source of a blob mount into <paramref name="target"/>, which the caller may push to already.
    /// A caller holding pull on the source whose token does not say so is challenged for a token naming both
    /// repositories, as Distribution does; a caller without it gets no mount, and the handler opens an upload instead.
    /// </summary>
    /// <summary>
    /// A request for <paramref name="requested"/> answered from another repository, <paramref name="mapped"/>: a pull
    /// through a registry mirror (from <c>&lt;key&gt;/&lt;name&gt;</c>) or a push through a docker virtual repository (to
    /// <c>&lt;defaultDeploymentRepo&gt;/&lt;name&gt;</c>). The caller's access (<paramref name="action"/>) on
    /// <paramref name="mapped"/> decides; a bearer token must name either. A challenge names <paramref name="requested"/>,
    /// the scope clients ask a token for.
    /// </summary>
    ValueTask<IResult?> AuthorizeMirrorAsync(HttpContext context, RepositoryName requested, RepositoryName mapped, RegistryAction action);

    ValueTask<MountSourceAccess> AuthorizeMountSourceAsync(HttpContext context, RepositoryName target, RepositoryName source);

    /// <summary>Which repositories the caller may see in listings, or null when it may see all of them.</summary>
    ValueTask<Func<string, bool>?> GetRepositoryFilterAsync(HttpContext context);
}
