using Microsoft.AspNetCore.Components;

namespace Registry.Api.Console.Components;

/// <summary>
/// The base of every signed-in console page: resolves the user (redirecting to sign-in without a session), then
/// loads the page. Forms post back to their page; the handler runs after <see cref="LoadAsync"/> and reloads.
/// Every handler checks permissions again on the server, whatever the page showed.
/// </summary>
public abstract class ConsolePage : ComponentBase
{
    [CascadingParameter]
    public HttpContext? HttpContext { get; set; }

    [Inject]
    internal ConsoleSession Session { get; set; } = default!;

    [Inject]
    internal ConsoleServices Services { get; set; } = default!;

    [Inject]
    internal NavigationManager Navigation { get; set; } = default!;

    internal ConsoleUser? User { get; private set; }

    /// <summary>What the last action did, or why it was refused; shown above the page.</summary>
    internal string? Notice { get; set; }

    internal bool NoticeIsError { get; set; }

    internal HttpContext Http => HttpContext ?? throw new InvalidOperationException("Console pages render on the server only.");

    internal CancellationToken Aborted => Http.RequestAborted;

    internal DateTimeOffset Now => Services.Time.GetUtcNow();

    protected override async Task OnInitializedAsync()
    {
        User = await Session.GetUserAsync(Http);
        if (User is null)
        {
            string back = Uri.EscapeDataString(Http.Request.Path + Http.Request.QueryString);
            Navigation.NavigateTo($"{ConsoleEndpoints.BasePath}/login?returnUrl={back}");
            return;
        }

        await LoadAsync();
    }

    /// <summary>Reads what the page shows (again after an action).</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>A value of the posted form (empty when absent).</summary>
    internal string Field(string name) => Http.Request.HasFormContentType ? Http.Request.Form[name].ToString().Trim() : string.Empty;

    internal IReadOnlyList<string> Fields(string name)
        => Http.Request.HasFormContentType ? [.. Http.Request.Form[name].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)] : [];

    internal void Done(string message)
    {
        Notice = message;
        NoticeIsError = false;
    }

    internal void Failed(string message, int status = StatusCodes.Status400BadRequest)
    {
        if (status == StatusCodes.Status404NotFound)
        {
            NotFound(message);
            return;
        }

        Notice = message;
        NoticeIsError = true;
        Http.Response.StatusCode = status;
    }

    /// <summary>
    /// Answers 404: what the page is about (or what a form acted on) does not exist or the user may not see it (the two
    /// are not told apart); <paramref name="message"/>, when given, says what was missing. The
    /// router then renders <c>Pages/NotFound.razor</c> in the console's layout instead of the page (a page that set 404
    /// itself would get an empty body from Blazor's static rendering).
    /// </summary>
    internal void NotFound(string? message = null)
    {
        if (message is not null)
        {
            Http.Items[NotFoundMessageKey] = message;
        }

        Navigation.NotFound();
    }

    /// <summary>Where <see cref="NotFound"/> leaves its message for <c>Pages/NotFound.razor</c>.</summary>
    internal const string NotFoundMessageKey = "Registry.Console.NotFoundMessage";

    /// <summary>Refuses an action the user's roles do not allow (the page hid it; the request was forged or stale).</summary>
    internal void Refuse(string message) => Failed(message, StatusCodes.Status403Forbidden);

    internal static string Url(string path, params (string Name, string? Value)[] query)
    {
        var parts = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").ToList();
        return ConsoleEndpoints.BasePath + path + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }
}
