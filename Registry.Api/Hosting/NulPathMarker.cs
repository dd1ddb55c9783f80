using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.Hosting;

/// <summary>
/// The header line <see cref="Http1NulPathRewriter"/> adds after a request line whose path held <c>%00</c>. Its value
/// is random per process, so a client that sends the header itself is not believed.
/// </summary>
internal sealed class NulPathMarker
{
    public const string HeaderName = "X-Registry-Nul-In-Path";

    public NulPathMarker()
    {
        Value = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        HeaderLine = Encoding.ASCII.GetBytes($"{HeaderName}: {Value}\r\n");
    }

    public string Value { get; }

    public ReadOnlyMemory<byte> HeaderLine { get; }

    public bool IsOn(HttpRequest request)
        => request.Headers.TryGetValue(HeaderName, out var values) && values.Count == 1
           && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(values[0] ?? string.Empty), Encoding.ASCII.GetBytes(Value));
}
