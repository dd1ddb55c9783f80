using System.Buffers;
using System.Globalization;
using System.Text;
using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>
/// Writes a layout as a plain POSIX (ustar) tar stream, entry after entry, so a blob's bytes go straight from the
/// store to the output and the stream needs no seeking (an HTTP response, a pipe). Sizes of 8 GiB and more use the
/// base-256 size field GNU tar and Go's archive/tar read. A blob that does not hash to its digest cannot be taken
/// back once streamed: the writer reports it and the caller aborts the whole stream.
/// </summary>
public sealed class TarLayoutWriter(Stream output, DateTimeOffset modified) : ILayoutWriter
{
    private const int BlockSize = 512;
    private static readonly byte[] Zeros = new byte[BlockSize * 2];

    private readonly long _mtime = modified.ToUnixTimeSeconds();
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    public async ValueTask WriteFileAsync(string path, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        await WriteDirectoriesAsync(path, ct).ConfigureAwait(false);
        await WriteHeaderAsync(path, content.Length, directory: false, ct).ConfigureAwait(false);
        await output.WriteAsync(content, ct).ConfigureAwait(false);
        await PadAsync(content.Length, ct).ConfigureAwait(false);
    }

    public async ValueTask<bool> WriteBlobAsync(Digest digest, long size, Stream content, CancellationToken ct)
    {
        string path = OciLayoutFiles.BlobPath(digest);
        await WriteDirectoriesAsync(path, ct).ConfigureAwait(false);
        await WriteHeaderAsync(path, size, directory: false, ct).ConfigureAwait(false);
        (Digest actual, _) = await HashingCopy.CopyAsync(content, output, digest.Algorithm, size, null, ct).ConfigureAwait(false);
        await PadAsync(size, ct).ConfigureAwait(false);
        return actual == digest;
    }

    public async ValueTask CompleteAsync(CancellationToken ct)
    {
        await output.WriteAsync(Zeros, ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async ValueTask WriteDirectoriesAsync(string path, CancellationToken ct)
    {
        int slash = -1;
        while ((slash = path.IndexOf('/', slash + 1)) > 0)
        {
            string directory = path[..(slash + 1)];
            if (_directories.Add(directory))
            {
                await WriteHeaderAsync(directory, 0, directory: true, ct).ConfigureAwait(false);
            }
        }
    }

    private ValueTask PadAsync(long size, CancellationToken ct)
    {
        int rest = (int)(size % BlockSize);
        return rest == 0 ? ValueTask.CompletedTask : output.WriteAsync(Zeros.AsMemory(0, BlockSize - rest), ct);
    }

    private async ValueTask WriteHeaderAsync(string name, long size, bool directory, CancellationToken ct)
    {
        byte[] nameBytes = Encoding.ASCII.GetBytes(name);
        if (nameBytes.Length > 100)
        {
            // A sha512 blob's path does not fit the ustar name field: a POSIX (pax) extended header carries it.
            byte[] record = PaxRecord("path", name);
            await WriteHeaderAsync("PaxHeader", record.Length, 'x', ct).ConfigureAwait(false);
            await output.WriteAsync(record, ct).ConfigureAwait(false);
            await PadAsync(record.Length, ct).ConfigureAwait(false);
            nameBytes = nameBytes[^100..];
        }

        await WriteHeaderAsync(nameBytes, size, directory ? '5' : '0', ct).ConfigureAwait(false);
    }

    private ValueTask WriteHeaderAsync(string name, long size, char type, CancellationToken ct)
        => WriteHeaderAsync(Encoding.ASCII.GetBytes(name), size, type, ct);

    /// <summary>"LENGTH key=value\n", where LENGTH counts the whole record, its own digits included.</summary>
    private static byte[] PaxRecord(string key, string value)
    {
        int body = Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value) + 3;   // ' ', '=', '\n'
        int length = body + 1;
        while (length != body + length.ToString(CultureInfo.InvariantCulture).Length)
        {
            length = body + length.ToString(CultureInfo.InvariantCulture).Length;
        }

        return Encoding.UTF8.GetBytes($"{length.ToString(CultureInfo.InvariantCulture)} {key}={value}\n");
    }

    private async ValueTask WriteHeaderAsync(byte[] nameBytes, long size, char type, CancellationToken ct)
    {
        bool directory = type == '5';
        byte[] header = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            Array.Clear(header, 0, BlockSize);
            nameBytes.CopyTo(header, 0);
            Octal(header, 100, 8, directory ? 0x1ED : 0x1A4);   // 0755 / 0644
            Octal(header, 108, 8, 0);
            Octal(header, 116, 8, 0);
            Size(header, size);
            Octal(header, 136, 12, _mtime);
            header[156] = (byte)type;
            "ustar\0"u8.CopyTo(header.AsSpan(257));
            "00"u8.CopyTo(header.AsSpan(263));
            for (int i = 148; i < 156; i++)
            {
                header[i] = (byte)' ';
            }

            int sum = 0;
            for (int i = 0; i < BlockSize; i++)
            {
                sum += header[i];
            }

            Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0')).CopyTo(header, 148);
            header[154] = 0;
            header[155] = (byte)' ';
            await output.WriteAsync(header.AsMemory(0, BlockSize), ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }
    }

    private static void Size(byte[] header, long size)
    {
        if (size < 0x2_0000_0000)   // 8 GiB fits 11 octal digits
        {
            Octal(header, 124, 12, size);
            return;
        }

        header[124] = 0x80;   // base-256: the remaining 11 bytes big-endian
        for (int i = 135; i > 124; i--)
        {
            header[i] = (byte)(size & 0xFF);
            size >>= 8;
        }
    }

    private static void Octal(byte[] header, int offset, int length, long value)
    {
        string text = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        Encoding.ASCII.GetBytes(text.ToString(CultureInfo.InvariantCulture)).CopyTo(header, offset);
        header[offset + length - 1] = 0;
    }
}
