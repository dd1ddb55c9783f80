namespace Registry.Api.Oci;

/// <summary>Reloads <see cref="DockerRemotes"/> every <see cref="Interval"/>, so repositories changed on another node reach this one.</summary>
internal sealed partial class DockerRemotesRefresher(DockerRemotes remotes, TimeProvider time, ILogger<DockerRemotesRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await remotes.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRefreshFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Could not reload the docker remote repositories; retrying")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
