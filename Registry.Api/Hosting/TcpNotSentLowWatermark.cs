using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Registry.Api.Hosting;

/// <summary>
/// Kestrel connection middleware that sets <c>TCP_NOTSENT_LOWAT</c> on each accepted TCP connection (Linux): the
/// kernel then takes a response's bytes only while fewer than the limit wait unsent, so a download to a slow reader
/// holds at most that much of the machine's TCP memory besides what is on the wire (<see cref="NetworkSettings.TcpNotSentLowWatermark"/>).
/// </summary>
internal static class TcpNotSentLowWatermark
{
    // From linux/tcp.h and netinet/in.h; .NET names neither.
    private const int IpProtocolTcp = 6;
    private const int TcpNotSentLowat = 25;

    public static bool IsSupported => OperatingSystem.IsLinux();

    public static ConnectionDelegate Wrap(ConnectionDelegate next, int bytes) => connection =>
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { ProtocolType: ProtocolType.Tcp } socket)
        {
            Apply(socket, bytes);
        }

        return next(connection);
    };

    /// <summary>Sets the limit on one socket; a socket already closed by its peer is left as it is.</summary>
    internal static void Apply(Socket socket, int bytes)
    {
        Span<byte> value = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(value, bytes);
        try
        {
            socket.SetRawSocketOption(IpProtocolTcp, TcpNotSentLowat, value);
        }
        catch (SocketException) when (!socket.Connected)
        {
            // The client went away between accept and here; Kestrel notices on its first read.
        }
    }
}
