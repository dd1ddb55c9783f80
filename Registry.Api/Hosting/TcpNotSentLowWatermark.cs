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

    /// <summary>Linux, and a kernel that takes the option (checked once on a fresh socket; sandboxes may refuse it).</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && KernelTakesTheOption();

    public static ConnectionDelegate Wrap(ConnectionDelegate next, int bytes) => connection =>
    {
        if (connection.Features.Get<IConnectionSocketFeature>()?.Socket is { ProtocolType: ProtocolType.Tcp } socket)
        {
            Apply(socket, bytes);
        }

        return next(connection);
    };

    private static bool KernelTakesTheOption()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Set(probe, 1024 * 1024);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Sets the limit on one socket; a socket already closed by its peer is left as it is.</summary>
    private static void Apply(Socket socket, int bytes)
    {
        try
        {
            Set(socket, bytes);
        }
        catch (SocketException) when (!socket.Connected)
        {
            // The client went away between accept and here; Kestrel notices on its first read.
        }
    }

    private static void Set(Socket socket, int bytes)
    {
        Span<byte> value = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(value, bytes);
        socket.SetRawSocketOption(IpProtocolTcp, TcpNotSentLowat, value);
    }
}
