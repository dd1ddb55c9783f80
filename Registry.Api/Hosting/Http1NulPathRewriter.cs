using System.Buffers;
using System.Buffers.Text;

namespace Registry.Api.Hosting;

/// <summary>
/// Follows the HTTP/1.x framing of the bytes a client sends on one connection (request line, header lines, a body
/// framed by <c>Content-Length</c> or <c>chunked</c>) and rewrites one thing: a request line whose path holds
/// <c>%00</c>. Kestrel refuses such a request target itself, before the application runs, with an empty 400; here the
/// <c>%00</c> becomes <c>%2500</c> and a marker header line (<see cref="NulPathMarker"/>) follows the request line, so
/// the request reaches the application, which answers it in the shape of the API asked (<see cref="NulPathRejection"/>).
/// Every other byte is copied unchanged. Anything it does not recognise as HTTP/1.x (TLS, the HTTP/2 preface, an
/// upgrade, a line longer than Kestrel would take) switches it to copying the rest of the connection untouched, which
/// is Kestrel's own behaviour.
/// </summary>
internal sealed class Http1NulPathRewriter(ReadOnlyMemory<byte> markerHeaderLine)
{
    /// <summary>Longer request lines and header lines than Kestrel's limits (8 KiB and 32 KiB) are never rewritten.</summary>
    private const int MaxLineLength = 64 * 1024;

    private static ReadOnlySpan<byte> EncodedNul => "%00"u8;

    private static ReadOnlySpan<byte> EncodedPercent00 => "%2500"u8;

    private State _state = State.RequestLine;
    private long _remaining;
    private long _contentLength;
    private bool _chunked;
    private bool _upgrade;
    private bool _connect;

    private enum State
    {
        RequestLine,
        Headers,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        PassThrough,
    }

    /// <summary>Whether the rest of the connection is copied without looking (for tests and diagnostics).</summary>
    public bool PassingThrough => _state == State.PassThrough;

    /// <summary>
    /// Copies what it can of <paramref name="buffer"/> to <paramref name="output"/> and returns how far it consumed;
    /// the rest is an incomplete line that needs more bytes. With <paramref name="isCompleted"/> (the client finished
    /// sending) everything is copied.
    /// </summary>
    public SequencePosition Process(ReadOnlySequence<byte> buffer, IBufferWriter<byte> output, bool isCompleted)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (!reader.End)
        {
            switch (_state)
            {
                case State.PassThrough:
                    CopyRest(ref reader, output);
                    break;
                case State.FixedBody:
                case State.ChunkData:
                    CopyBody(ref reader, output);
                    break;
                default:
                    if (_state == State.RequestLine && reader.TryPeek(out byte first) && !LooksLikeHttp1(first))
                    {
                        _state = State.PassThrough;
                        break;
                    }

                    if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n', advancePastDelimiter: true))
                    {
                        if (reader.Remaining > MaxLineLength || isCompleted)
                        {
                            _state = State.PassThrough;
                            break;
                        }

                        return reader.Position;
                    }

                    OnLine(line, output);
                    break;
            }
        }

        return reader.Position;
    }

    private static bool LooksLikeHttp1(byte first) => first is (>= (byte)'A' and <= (byte)'Z') or (byte)'\r' or (byte)'\n';

    private static void CopyRest(ref SequenceReader<byte> reader, IBufferWriter<byte> output)
    {
        Write(reader.UnreadSequence, output);
        reader.AdvanceToEnd();
    }

    private void CopyBody(ref SequenceReader<byte> reader, IBufferWriter<byte> output)
    {
        long take = Math.Min(_remaining, reader.Remaining);
        Write(reader.UnreadSequence.Slice(0, take), output);
        reader.Advance(take);
        _remaining -= take;
        if (_remaining == 0)
        {
            _state = _state == State.FixedBody ? State.RequestLine : State.ChunkDataEnd;
        }
    }

    /// <summary>One line, without its LF (<paramref name="line"/> is written back with the CR and LF it had).</summary>
    private void OnLine(ReadOnlySequence<byte> line, IBufferWriter<byte> output)
    {
        byte[]? rented = null;
        Span<byte> text = line.Length <= 1024 ? stackalloc byte[(int)line.Length] : (rented = ArrayPool<byte>.Shared.Rent((int)line.Length)).AsSpan(0, (int)line.Length);
        try
        {
            line.CopyTo(text);
            ReadOnlySpan<byte> content = text.TrimEnd((byte)'\r');
            switch (_state)
            {
                case State.RequestLine:
                    OnRequestLine(text, content, output);
                    return;
                case State.Headers:
                    WriteLine(text, output);
                    if (content.IsEmpty)
                    {
                        EndOfHeaders();
                    }
                    else
                    {
                        OnHeader(content);
                    }

                    return;
                case State.ChunkSize:
                    WriteLine(text, output);
                    OnChunkSize(content);
                    return;
                case State.ChunkDataEnd:
                    WriteLine(text, output);
                    _state = content.IsEmpty ? State.ChunkSize : State.PassThrough;
                    return;
                case State.Trailers:
                    WriteLine(text, output);
                    if (content.IsEmpty)
                    {
                        _state = State.RequestLine;
                    }

                    return;
                default:
                    throw new InvalidOperationException($"no line is read in state {_state}");
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private void OnRequestLine(ReadOnlySpan<byte> text, ReadOnlySpan<byte> content, IBufferWriter<byte> output)
    {
        if (content.IsEmpty)
        {
            // Blank lines before a request line are allowed (RFC 9112 2.2).
            WriteLine(text, output);
            return;
        }

        int firstSpace = content.IndexOf((byte)' ');
        int lastSpace = content.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1 || !content[(lastSpace + 1)..].StartsWith("HTTP/1."u8))
        {
            // The HTTP/2 preface ("PRI * HTTP/2.0") and anything malformed: Kestrel decides, untouched from here on.
            WriteLine(text, output);
            _state = State.PassThrough;
            return;
        }

        _contentLength = 0;
        _chunked = false;
        _upgrade = false;
        _connect = content[..firstSpace].SequenceEqual("CONNECT"u8);
        _state = State.Headers;

        ReadOnlySpan<byte> target = content[(firstSpace + 1)..lastSpace];
        int query = target.IndexOf((byte)'?');
        ReadOnlySpan<byte> path = query < 0 ? target : target[..query];
        if (path.IsEmpty || path[0] != (byte)'/' || path.IndexOf(EncodedNul) < 0)
        {
            WriteLine(text, output);
            return;
        }

        Write(content[..(firstSpace + 1)], output);
        ReadOnlySpan<byte> rest = path;
        int at;
        while ((at = rest.IndexOf(EncodedNul)) >= 0)
        {
            Write(rest[..at], output);
            Write(EncodedPercent00, output);
            rest = rest[(at + EncodedNul.Length)..];
        }

        Write(rest, output);
        Write(text[(firstSpace + 1 + path.Length)..], output);
        Write("\n"u8, output);
        Write(markerHeaderLine.Span, output);
    }

    private void OnHeader(ReadOnlySpan<byte> header)
    {
        int colon = header.IndexOf((byte)':');
        if (colon <= 0)
        {
            _state = State.PassThrough;
            return;
        }

        ReadOnlySpan<byte> name = header[..colon];
        ReadOnlySpan<byte> value = header[(colon + 1)..].Trim((byte)' ').Trim((byte)'\t');
        if (name.EqualsIgnoreAsciiCase("Content-Length"u8))
        {
            if (!Utf8Parser.TryParse(value, out long length, out int used) || used != value.Length || length < 0
                || (_contentLength != 0 && _contentLength != length))
            {
                // Kestrel refuses it and closes the connection; nothing after it is a request of ours to read.
                _state = State.PassThrough;
                return;
            }

            _contentLength = length;
        }
        else if (name.EqualsIgnoreAsciiCase("Transfer-Encoding"u8))
        {
            int comma = value.LastIndexOf((byte)',');
            ReadOnlySpan<byte> last = (comma < 0 ? value : value[(comma + 1)..]).Trim((byte)' ');
            _chunked = last.EqualsIgnoreAsciiCase("chunked"u8);
            if (!_chunked)
            {
                _state = State.PassThrough;
            }
        }
        else if (name.EqualsIgnoreAsciiCase("Upgrade"u8))
        {
            _upgrade = true;
        }
    }

    private void EndOfHeaders()
    {
        if (_upgrade || _connect)
        {
            // A protocol switch (or a tunnel) may follow: those bytes are not HTTP/1.x requests.
            _state = State.PassThrough;
        }
        else if (_chunked)
        {
            _state = State.ChunkSize;
        }
        else if (_contentLength > 0)
        {
            _remaining = _contentLength;
            _state = State.FixedBody;
        }
        else
        {
            _state = State.RequestLine;
        }
    }

    private void OnChunkSize(ReadOnlySpan<byte> content)
    {
        int extension = content.IndexOf((byte)';');
        ReadOnlySpan<byte> digits = (extension < 0 ? content : content[..extension]).Trim((byte)' ');
        if (digits.IsEmpty || digits.Length > 15 || !Utf8Parser.TryParse(digits, out long size, out int used, 'x') || used != digits.Length)
        {
            _state = State.PassThrough;
            return;
        }

        if (size == 0)
        {
            _state = State.Trailers;
        }
        else
        {
            _remaining = size;
            _state = State.ChunkData;
        }
    }

    private static void WriteLine(ReadOnlySpan<byte> lineWithoutLf, IBufferWriter<byte> output)
    {
        Write(lineWithoutLf, output);
        Write("\n"u8, output);
    }

    private static void Write(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        if (!bytes.IsEmpty)
        {
            output.Write(bytes);
        }
    }

    private static void Write(ReadOnlySequence<byte> bytes, IBufferWriter<byte> output)
    {
        foreach (ReadOnlyMemory<byte> segment in bytes)
        {
            Write(segment.Span, output);
        }
    }
}

file static class AsciiSpanExtensions
{
    public static bool EqualsIgnoreAsciiCase(this ReadOnlySpan<byte> span, ReadOnlySpan<byte> other)
        => System.Text.Ascii.EqualsIgnoreCase(span, other);
}
