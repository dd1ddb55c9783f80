namespace Registry.Tests.Api.Auth;

/// <summary>Who acts in the access matrix.</summary>
public enum Subject
{
    Reader,
    Developer,
    Maintainer,
    Admin,
    NoRole,
    CiToken,
    Anonymous,
}

/// <summary>What they try.</summary>
public enum Operation
{
    Pull,
    Push,
    Delete,
    Catalog,
    Manage,
}

/// <summary>Where: a repository in their namespace, in another one, or in a namespace marked public.</summary>
public enum Target
{
    Own,
    Other,
    Public,
}

/// <summary>
/// A registry with the matrix's cast: a user per role on namespace <c>own</c>, a user without roles, a CI token
/// scoped to pull and push on <c>own</c>, and an image tagged <c>v1</c> in <c>own/app</c>, <c>other/app</c> and
/// <c>pub/app</c>, where namespace <c>pub</c> is public.
/// </summary>
public sealed class AccessMatrixFixture : AuthRegistry, IAsyncLifetime
{
    private readonly Dictionary<Subject, (string Name, string Password)> _credentials = [];

    public static string Repository(Target target) => target switch
    {
        Target.Own => "own/app",
        Target.Other => "other/app",
        _ => "pub/app",
    };

    /// <summary>The subject's Basic credentials (null for anonymous).</summary>
    public (string Name, string Password)? Credentials(Subject subject)
        => subject == Subject.Anonymous ? null : _credentials[subject];

    public HttpClient ClientFor(Subject subject)
        => Credentials(subject) is { } c ? Basic(c.Name, c.Password) : Anonymous();

    public async Task InitializeAsync()
    {
        foreach ((Subject subject, string role) in new[] { (Subject.Reader, "reader"), (Subject.Developer, "developer"), (Subject.Maintainer, "maintainer"), (Subject.Admin, "admin") })
        {
            _credentials[subject] = (await CreateUserAsync(("namespace", "own", role)), Password);
        }

        _credentials[Subject.NoRole] = (await CreateUserAsync(), Password);
        CreatedCiToken token = await CreateCiTokenAsync(["own"], ["pull", "push"]);
        _credentials[Subject.CiToken] = (token.Name, token.Secret);
        foreach (Target target in Enum.GetValues<Target>())
        {
            await PushImageAsync(Repository(target), "v1");
        }

        await SetPublicAsync("namespace", "pub");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
