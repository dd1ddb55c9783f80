using Registry.Core.Primitives;

namespace Registry.Api.Management;

/// <summary>A management request on one repository: the parsed name, the route's values, and who is asking.</summary>
internal sealed record RepositoryRequest(
    HttpContext Context,
    RepositoryName Repository,
    IReadOnlyDictionary<string, string> Values,
    ManagementCaller Caller,
    ManagementServices Services)
{
    public string this[string name] => Values[name];

    public CancellationToken Aborted => Context.RequestAborted;
}
