using Microsoft.Extensions.Options;
using Registry.Api.Settings;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// Spools publish bodies to files under <c>&lt;Registry:Storage:Path&gt;/temp/npm-publish</c>, at most
/// <see cref="NpmLimits.MaxPublishBytes"/> each, so a tarball is never held in memory. A file is opened with
/// <see cref="FileOptions.DeleteOnClose"/>, so it goes whatever the outcome; files a crashed process left are removed
/// when this node spools its first body (those untouched for <see cref="StaleAfter"/>).
/// </summary>
internal sealed partial class NpmPublishSpool(IOptions<StorageSettings> storage, TimeProvider time, ILogger<NpmPublishSpool> logger)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(1);

    private const int CopyBuffer = 1 << 16;

    private int swept;

    public string Root { get; } = Path.Combine(Path.GetFullPath(storage.Value.Path), "temp", "npm-publish");

    /// <summary>The request body in a new spool file (positioned at its start; dispose deletes it), or the 413 to answer.</summary>
    public async ValueTask<(FileStream? Spooled, IResult? Failure)> SpoolAsync(HttpContext context)
    {
        if (context.Request.ContentLength > NpmLimits.MaxPublishBytes)
        {
            return (null, NpmBody.TooLarge(NpmLimits.MaxPublishBytes));
        }

        Directory.CreateDirectory(Root);
        if (Interlocked.Exchange(ref swept, 1) == 0)
        {
            Sweep(time.GetUtcNow() - StaleAfter);
        }

        var file = new FileStream(Path.Combine(Root, Guid.NewGuid().ToString("N") + ".json"), new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            BufferSize = 0,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
        });
        try
        {
            byte[] chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(CopyBuffer);
            try
            {
                int read;
                while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
                {
                    if (file.Length + read > NpmLimits.MaxPublishBytes)
                    {
                        await file.DisposeAsync();
                        return (null, NpmBody.TooLarge(NpmLimits.MaxPublishBytes));
                    }

                    await file.WriteAsync(chunk.AsMemory(0, read), context.RequestAborted);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            }

            file.Position = 0;
            return (file, null);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes spool files last written before <paramref name="olderThan"/>; returns how many.</summary>
    public int Sweep(DateTimeOffset olderThan)
    {
        int removed = 0;
        foreach (string path in Directory.EnumerateFiles(Root, "*.json"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(path) < olderThan.UtcDateTime)
                {
                    File.Delete(path);
                    removed++;
                }
            }
            catch (IOException)
            {
                // gone or in use: the next process start looks again
            }
        }

        if (removed > 0)
        {
            LogSwept(logger, removed, Root);
        }

        return removed;
    }

    [LoggerMessage(EventId = 9140, Level = LogLevel.Information, Message = "Removed {Count} stale npm publish spool files from {Root}")]
    private static partial void LogSwept(ILogger logger, int count, string root);
}
