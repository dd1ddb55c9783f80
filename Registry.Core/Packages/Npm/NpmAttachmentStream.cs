using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// The decoded bytes of an attachment's base64 <c>data</c> (<see cref="NpmAttachmentText"/>), read from the spooled
/// body a chunk at a time: JSON escapes undone, base64 decoded with <see cref="Base64.DecodeFromUtf8"/> across chunk
/// boundaries, the bytes counted and, when asked, hashed with SHA-512 as they pass. Text that is not base64 ends the
/// stream early with <see cref="Invalid"/> set; nothing is thrown for it.
/// </summary>
public sealed class NpmAttachmentStream : Stream
{
    private const int ChunkBytes = 1 << 16;

    private readonly Stream body;
    private readonly long end;
    private readonly IncrementalHash? sha512;
    private readonly byte[] raw = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private readonly byte[] text = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private readonly byte[] decoded = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private long position;
    private int rawStart;
    private int rawEnd;
    private int textEnd;
    private int decodedStart;
    private int decodedEnd;
    private bool finished;
    private bool disposed;

    /// <param name="body">The spooled body (seekable; this stream moves its position).</param>
    /// <param name="data">Where the base64 text lies in it.</param>
    /// <param name="hashSha512">Whether to compute <see cref="Integrity"/>.</param>
    public NpmAttachmentStream(Stream body, NpmAttachmentText data, bool hashSha512)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(data);
        this.body = body;
        position = data.Offset;
        end = data.Offset + data.Length;
        sha512 = hashSha512 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA512) : null;
    }

    /// <summary>The text was not base64 (or held a character JSON does not allow raw in a string).</summary>
    public bool Invalid { get; private set; }

    /// <summary>How many bytes were decoded so far.</summary>
    public long DecodedLength { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => DecodedLength;
        set => throw new NotSupportedException();
    }

    /// <summary><c>sha512-{base64}</c> of the bytes decoded, once the stream was read to its end.</summary>
    public string Integrity()
        => sha512 is null ? throw new InvalidOperationException("the stream was not asked to hash") : "sha512-" + Convert.ToBase64String(sha512.GetCurrentHash());

    /// <summary>Reads the rest of the stream, for its length and hash.</summary>
    public async ValueTask DrainAsync(CancellationToken ct)
    {
        byte[] sink = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            while (await ReadAsync(sink, ct) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sink);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (decodedStart == decodedEnd && !finished)
        {
            bool last = FillRawSync();
            Decode(last);
        }

        return Serve(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (decodedStart == decodedEnd && !finished)
        {
            bool last = await FillRawAsync(cancellationToken).ConfigureAwait(false);
            Decode(last);
        }

        return Serve(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
        {
            disposed = true;
            sha512?.Dispose();
            ArrayPool<byte>.Shared.Return(raw);
            ArrayPool<byte>.Shared.Return(text);
            ArrayPool<byte>.Shared.Return(decoded);
        }

        base.Dispose(disposing);
    }

    private int Serve(Span<byte> buffer)
    {
        int count = Math.Min(buffer.Length, decodedEnd - decodedStart);
        decoded.AsSpan(decodedStart, count).CopyTo(buffer);
        decodedStart += count;
        return count;
    }

    /// <summary>Tops up the raw text from the body; true once all of it was read.</summary>
    private bool FillRawSync()
    {
        int read = 0;
        if (CompactRaw() is > 0 and int room)
        {
            body.Position = position;
            read = body.Read(raw.AsSpan(rawEnd, room));
        }

        return Advance(read);
    }

    private async ValueTask<bool> FillRawAsync(CancellationToken ct)
    {
        int read = 0;
        if (CompactRaw() is > 0 and int room)
        {
            body.Position = position;
            read = await body.ReadAsync(raw.AsMemory(rawEnd, room), ct).ConfigureAwait(false);
        }

        return Advance(read);
    }

    /// <summary>Moves the unread raw text to the front; how much may be read next.</summary>
    private int CompactRaw()
    {
        raw.AsSpan(rawStart, rawEnd - rawStart).CopyTo(raw);
        rawEnd -= rawStart;
        rawStart = 0;
        return (int)Math.Min(ChunkBytes - rawEnd, end - position);
    }

    private bool Advance(int read)
    {
        if (read == 0 && position < end)
        {
            throw new EndOfStreamException("the spooled publish body ended inside an attachment");
        }

        position += read;
        rawEnd += read;
        return position == end;
    }

    /// <summary>Unescapes raw text into the base64 text buffer and decodes what it can.</summary>
    private void Decode(bool last)
    {
        if (!Unescape(last))
        {
            Fail();
            return;
        }

        bool final = last && rawStart == rawEnd;
        OperationStatus status = Base64.DecodeFromUtf8(text.AsSpan(0, textEnd), decoded, out int consumed, out int written, final);
        if (status == OperationStatus.InvalidData || (final && status == OperationStatus.NeedMoreData))
        {
            Fail();
            return;
        }

        text.AsSpan(consumed, textEnd - consumed).CopyTo(text);
        textEnd -= consumed;
        sha512?.AppendData(decoded, 0, written);
        DecodedLength += written;
        decodedStart = 0;
        decodedEnd = written;
        finished = final && status == OperationStatus.Done && textEnd == 0;
    }

    /// <summary>
    /// Copies raw text into the base64 buffer, undoing the escapes JSON allows for ASCII (<c>\/</c>, <c>\uXXXX</c>,
    /// whitespace escapes); an escape cut off at the end of the raw chunk waits for the next. False on a character
    /// no base64 text or JSON string holds (a raw control character, another escape).
    /// </summary>
    private bool Unescape(bool last)
    {
        // The text buffer holds at most ChunkBytes, which decode to 3/4 of that: the decoded buffer always has room.
        int room = ChunkBytes - textEnd;
        ReadOnlySpan<byte> source = raw.AsSpan(rawStart, rawEnd - rawStart);
        int taken = 0;
        while (taken < source.Length && room > 0)
        {
            ReadOnlySpan<byte> rest = source[taken..];
            int plain = rest[..Math.Min(rest.Length, room)].IndexOfAny((byte)'\\', (byte)'"');
            int run = plain < 0 ? Math.Min(rest.Length, room) : plain;
            if (rest[..run].IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0)
            {
                return false;
            }

            rest[..run].CopyTo(text.AsSpan(textEnd));
            textEnd += run;
            room -= run;
            taken += run;
            if (plain < 0 || run < plain)
            {
                continue;
            }

            if (rest[run] == (byte)'"')
            {
                return false;
            }

            int escape = EscapeLength(rest[run..]);
            if (escape == 0)
            {
                if (last)
                {
                    return false;
                }

                break;
            }

            if (Unescaped(rest.Slice(run, escape)) is not { } b)
            {
                return false;
            }

            text[textEnd++] = b;
            room--;
            taken += escape;
        }

        rawStart += taken;
        return true;
    }

    /// <summary>How long the escape at the start is (2, or 6 for <c>\uXXXX</c>); 0 when it is cut off.</summary>
    private static int EscapeLength(ReadOnlySpan<byte> escape)
    {
        if (escape.Length < 2)
        {
            return 0;
        }

        return escape[1] != (byte)'u' ? 2 : escape.Length >= 6 ? 6 : 0;
    }

    private static byte? Unescaped(ReadOnlySpan<byte> escape) => escape[1] switch
    {
        (byte)'/' => (byte)'/',
        (byte)'n' => (byte)'\n',
        (byte)'r' => (byte)'\r',
        (byte)'t' => (byte)'\t',
        (byte)'u' when Utf8Parser.TryParse(escape[2..], out ushort code, out int used, 'X') && used == 4 && code < 0x80 => (byte)code,
        _ => null,
    };

    private void Fail()
    {
        Invalid = true;
        finished = true;
        decodedStart = decodedEnd = 0;
    }
}
