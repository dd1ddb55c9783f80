using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Registry.Api.Hosting;

/// <summary>
/// Kestrel connection middleware that puts <see cref="Http1NulPathRewriter"/> between the socket and Kestrel's HTTP/1.x
/// parser: the client's bytes are pumped through it into a pipe Kestrel reads; what Kestrel writes goes straight out.
/// The pipe holds at most what Kestrel's own request buffer would (1 MiB), so a slow application still slows the client.
/// </summary>
internal static class NulPathConnectionMiddleware
{
    private const long PauseAt = 1024 * 1024;

    public static ConnectionDelegate Wrap(ConnectionDelegate next, NulPathMarker marker) => async connection =>
    {
        IDuplexPipe transport = connection.Transport;
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseAt, resumeWriterThreshold: PauseAt / 2, useSynchronizationContext: false));
        var rewriter = new Http1NulPathRewriter(marker.HeaderLine);
        Task pump = PumpAsync(transport.Input, pipe.Writer, rewriter);
        connection.Transport = new Transport(pipe.Reader, transport.Output);
        try
        {
            await next(connection);
        }
        finally
        {
            // Kestrel is done with the connection: stop reading the socket for it.
            await pipe.Reader.CompleteAsync();
            transport.Input.CancelPendingRead();
            await pump;
            connection.Transport = transport;
        }
    };

    private static async Task PumpAsync(PipeReader input, PipeWriter output, Http1NulPathRewriter rewriter)
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                ReadResult result = await input.ReadAsync();
                if (result.IsCanceled)
                {
                    break;
                }

                SequencePosition consumed = rewriter.Process(result.Buffer, output, result.IsCompleted);
                input.AdvanceTo(consumed, result.Buffer.End);
                FlushResult flush = await output.FlushAsync();
                if (result.IsCompleted || flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception e)
        {
            // A reset socket: Kestrel sees the same failure on the pipe it reads.
            failure = e;
        }

        await output.CompleteAsync(failure);
    }

    private sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
