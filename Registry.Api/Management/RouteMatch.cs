using Registry.Core.Primitives;

namespace Registry.Api.Management;

/// <summary>The outcome of matching a repository route: a handler with its name and values, or the methods the path does take.</summary>
internal sealed record RouteMatch(
    Func<RepositoryRequest, Task<IResult>>? Handler,
    RepositoryName? Repository,
    IReadOnlyDictionary<string, string>? Values,
    IReadOnlyList<string>? AllowedMethods);
