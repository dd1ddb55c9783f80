using Registry.Tests.Api;

namespace Registry.Tests.WebConsole;

/// <summary>
/// A registry (in memory, on fresh storage) with a maintainer and a reader of the namespace <c>team</c>, shared by
/// the console tests of one class; each test uses its own repositories.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Password = "console-tests-password";

    public RegistryApiFactory Factory { get; } = new();

    /// <summary>A console client with no session yet (cookies kept, redirects not followed).</summary>
    public ConsoleClient NewConsole() => new(Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A console client signed in as <paramref name="user"/>.</summary>
    public async Task<ConsoleClient> SignedInAsync(string user)
    {
        ConsoleClient console = NewConsole();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, await console.SignInAsync(user, user == "admin" ? RegistryApiFactory.AdminPassword : Password));
        return console;
    }

    public async Task InitializeAsync()
    {
        using HttpClient admin = Factory.CreateRegistryClient();
        var management = new ManagementClient(admin);
        await management.CreateUserWithRoleAsync("maintainer", Password, "maintainer", "team", CancellationToken.None);
        await management.CreateUserWithRoleAsync("reader", Password, "reader", "team", CancellationToken.None);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
