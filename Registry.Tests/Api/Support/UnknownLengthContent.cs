using System.Net;

namespace Registry.Tests.Api;

/// <summary>A body whose length is not declared up front, so the request carries no Content-Length (streamed).</summary>
public sealed class UnknownLengthContent(byte[] content) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => stream.WriteAsync(content, 0, content.Length);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
