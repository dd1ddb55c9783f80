using System.Net;

namespace Registry.Tests.Operations;

/// <summary>A chunked body that sends its first part, then waits for <see cref="Release"/> before the rest.</summary>
public sealed class GatedContent(byte[] first, byte[] rest) : HttpContent
{
    private readonly TaskCompletionSource _firstSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task FirstPartSent => _firstSent.Task;

    public void Release() => _released.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(first);
        await stream.FlushAsync();
        _firstSent.TrySetResult();
        await _released.Task;
        await stream.WriteAsync(rest);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
