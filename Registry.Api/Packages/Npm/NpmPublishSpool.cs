using Microsoft.Extensions.Options;
using Registry.Api.Http;
using Registry.Api.Settings;
using Registry.Core.Packages.Npm;

namespace Registry.Api.Packages.Npm;

/// <summary>
/// Spools publish bodies to files under <c>&lt;Registry:Storage:Path&gt;/temp/npm-publish</c>, at most
/// <see cref="NpmLimits.MaxPublishBytes"/> each, so a tarball is never held in memory. A file is opened with
/// <see cref="FileOptions.DeleteOnClose"/>, so it goes whatever the outcome; stale files a crashed process left are
/// swept (<see cref="SpoolDirectory"/>).
/// </summary>
internal sealed class NpmPublishSpool(IOptions<StorageSettings> storage, TimeProvider time, ILogger<NpmPublishSpool> logger)
{
    public static readonly TimeSpan StaleAfter = SpoolDirectory.StaleAfter;

    private const int CopyBuffer = 1 << 16;

    private readonly SpoolDirectory spools = new(storage.Value.Path, "npm-publish", ".json", time, logger);

    public string Root => spools.Root;

    /// <summary>The request body in a new spool file (positioned at its start; dispose deletes it), or the 413 to answer.</summary>
    public async ValueTask<(FileStream? Spooled, IResult? Failure)> SpoolAsync(HttpContext context)
    {
        if (context.Request.ContentLength > NpmLimits.MaxPublishBytes)
        {
            return (null, NpmBody.TooLarge(NpmLimits.MaxPublishBytes));
        }

        FileStream file = spools.Create();
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
    public int Sweep(DateTimeOffset olderThan) => spools.Sweep(olderThan);
}
