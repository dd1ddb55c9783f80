namespace Registry.Tests.Support;

/// <summary>HTTP clients for the registry process: as admin, as any account, or anonymous.</summary>
internal sealed partial class RegistryProcess
{
    /// <summary>The password of the registry's <c>admin</c> account (Registry__Auth__AdminPassword), unless the test set its own.</summary>
    public const string DefaultAdminPassword = "e2e-admin-password";

    /// <summary>The admin password this process was started with.</summary>
    public string AdminPassword => generatesAdminPassword
        ? throw new InvalidOperationException("This registry generated its admin password; the test reads it from the registry's output.")
        : environment.TryGetValue(AdminPasswordVariable, out var password) ? password : DefaultAdminPassword;

    /// <summary>A client that authenticates as <c>admin</c> with Basic credentials on every request.</summary>
    public HttpClient CreateClient(TimeSpan? timeout = null) => CreateClient("admin", AdminPassword, timeout);

    /// <summary>A client that authenticates as the given user (or CI token) with Basic credentials on every request.</summary>
    public HttpClient CreateClient(string userName, string password, TimeSpan? timeout = null)
    {
        var client = CreateAnonymousClient(timeout);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(userName + ":" + password)));
        return client;
    }

    /// <summary>A client that sends no credentials.</summary>
    public HttpClient CreateAnonymousClient(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = BaseUri,
            Timeout = timeout ?? TimeSpan.FromMinutes(2),
        };
}
