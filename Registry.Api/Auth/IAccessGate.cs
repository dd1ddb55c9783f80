using Registry.Core.Primitives;

namespace Registry.Api.Auth;

/// <summary>
/// The one place every registry request is authorized, after its path was parsed and before its handler runs.
/// Returns null when the request may proceed, otherwise the result to answer with (401 challenge or 403 DENIED).
/// </summary>
internal interface IAccessGate
{
    ValueTask<IResult?> AuthorizeAsync(HttpContext context, RepositoryName? repository, RegistryAction action);
}
