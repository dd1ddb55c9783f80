using System.Buffers;
using System.Text.Json;

namespace Registry.Core.Packages.Npm;

/// <summary>
/// Reads a publish body from a seekable stream (the spooled request) without holding its tarball: one pass of
/// <see cref="Utf8JsonReader"/> over a bounded buffer checks the JSON; each <c>_attachments.{file}.data</c> string is
/// skipped on the stream (its place recorded, <see cref="NpmAttachmentText"/>) rather than buffered. The rest of the
/// document, the attachments' data emptied, is then read into memory and parsed: it may be at most
/// <see cref="NpmLimits.MaxDocumentBytes"/>, as may any single value in it.
/// </summary>
public static class NpmPublishDocumentReader
{
    private const int InitialBuffer = 1 << 16;

    public static async ValueTask<NpmDocumentRead> ReadAsync(Stream body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!body.CanSeek)
        {
            throw new ArgumentException("the publish body must be seekable (spooled)", nameof(body));
        }

        var attachments = new Dictionary<string, NpmAttachmentText>(StringComparer.Ordinal);
        var skipped = new List<NpmAttachmentText>();
        var path = new ScanPath();
        var state = new JsonReaderState();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        try
        {
            body.Position = 0;
            long bufferOffset = 0;
            int filled = 0;
            bool end = false;
            while (true)
            {
                if (!end && filled < buffer.Length)
                {
                    int read = await body.ReadAsync(buffer.AsMemory(filled), ct);
                    end = read == 0;
                    filled += read;
                }

                Step step = Scan(buffer.AsSpan(0, filled), end, ref state, path);
                if (step.Error is { } error)
                {
                    return NpmDocumentRead.Fail(NpmDocumentProblem.NotJson, $"the body is not valid JSON: {error}");
                }

                if (step.Done)
                {
                    break;
                }

                if (step.DataAt)
                {
                    long at = bufferOffset + step.Consumed;
                    StringSpan found = await FindStringAsync(body, at, ct);
                    if (found.Unterminated)
                    {
                        return NpmDocumentRead.Fail(NpmDocumentProblem.NotJson, $"the body is not valid JSON: the data of attachment '{path.Attachment}' is an unterminated string");
                    }

                    if (found.Start >= 0)
                    {
                        var text = new NpmAttachmentText(found.Start, found.End - found.Start);
                        attachments[path.Attachment!] = text;
                        skipped.Add(text);

                        // The reader goes on as if the string were empty: it is given the colon when it had not
                        // read it yet, then "", then the body from just after the closing quote.
                        byte[] stand = found.ColonSkipped ? [(byte)':', (byte)'"', (byte)'"'] : [(byte)'"', (byte)'"'];
                        stand.CopyTo(buffer, 0);
                        filled = stand.Length;
                        bufferOffset = found.End + 1 - stand.Length;
                        body.Position = found.End + 1;
                        end = false;
                        continue;
                    }

                    // Not a string: left to the reader, from where the stream was.
                    body.Position = bufferOffset + filled;
                }

                filled -= step.Consumed;
                buffer.AsSpan(step.Consumed, filled).CopyTo(buffer);
                bufferOffset += step.Consumed;
                if (filled == buffer.Length)
                {
                    // One token fills the buffer: grow it, within the limit on a value.
                    if (buffer.Length >= NpmLimits.MaxDocumentBytes)
                    {
                        return NpmDocumentRead.Fail(NpmDocumentProblem.TooLarge, $"a value in the publish document (other than the tarball) is larger than {NpmLimits.MaxDocumentBytes} bytes");
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, NpmLimits.MaxDocumentBytes));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return await ReadRestAsync(body, attachments, skipped, ct);
    }

    /// <summary>The body without the attachments' data strings' content, parsed.</summary>
    private static async ValueTask<NpmDocumentRead> ReadRestAsync(
        Stream body, Dictionary<string, NpmAttachmentText> attachments, List<NpmAttachmentText> skipped, CancellationToken ct)
    {
        long restLength = body.Length;
        foreach (NpmAttachmentText text in skipped)
        {
            restLength -= text.Length;
        }

        if (restLength > NpmLimits.MaxDocumentBytes)
        {
            return NpmDocumentRead.Fail(NpmDocumentProblem.TooLarge, $"the publish document without its tarball is larger than {NpmLimits.MaxDocumentBytes} bytes");
        }

        byte[] rest = new byte[restLength];
        int written = 0;
        long from = 0;
        foreach (NpmAttachmentText text in skipped)
        {
            written += await ReadRangeAsync(body, from, rest.AsMemory(written, (int)(text.Offset - from)), ct);
            from = text.Offset + text.Length;
        }

        written += await ReadRangeAsync(body, from, rest.AsMemory(written, (int)(body.Length - from)), ct);
        try
        {
            return new NpmDocumentRead(new NpmPublishDocument(JsonDocument.Parse(rest.AsMemory(0, written)), attachments), NpmDocumentProblem.None, null);
        }
        catch (JsonException e)
        {
            return NpmDocumentRead.Fail(NpmDocumentProblem.NotJson, $"the body is not valid JSON: {e.Message}");
        }
    }

    private static async ValueTask<int> ReadRangeAsync(Stream body, long offset, Memory<byte> into, CancellationToken ct)
    {
        body.Position = offset;
        await body.ReadExactlyAsync(into, ct);
        return into.Length;
    }

    /// <summary>
    /// From <paramref name="at"/> (just after the property name <c>data</c>): whitespace, the colon if still there, and
    /// a string whose content is returned as [Start, End) (End being the closing quote); Start is -1 when the value is
    /// not a string.
    /// </summary>
    private static async ValueTask<StringSpan> FindStringAsync(Stream body, long at, CancellationToken ct)
    {
        byte[] chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            body.Position = at;
            long offset = at;
            long start = -1;
            bool colon = false;
            bool escaped = false;
            while (true)
            {
                int read = await body.ReadAsync(chunk, ct);
                if (read == 0)
                {
                    return start < 0 ? new StringSpan(-1, -1, colon, false) : new StringSpan(start, -1, colon, true);
                }

                for (int i = 0; i < read;)
                {
                    if (start < 0)
                    {
                        byte b = chunk[i];
                        if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' || (b == (byte)':' && !colon))
                        {
                            colon |= b == (byte)':';
                            i++;
                            continue;
                        }

                        if (b != (byte)'"')
                        {
                            return new StringSpan(-1, -1, colon, false);
                        }

                        start = offset + i + 1;
                        i++;
                        continue;
                    }

                    if (escaped)
                    {
                        escaped = false;
                        i++;
                        continue;
                    }

                    int next = chunk.AsSpan(i, read - i).IndexOfAny((byte)'"', (byte)'\\');
                    if (next < 0)
                    {
                        break;
                    }

                    i += next;
                    if (chunk[i] == (byte)'"')
                    {
                        return new StringSpan(start, offset + i, colon, false);
                    }

                    escaped = true;
                    i++;
                }

                offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Reads tokens until the buffer runs out, the document ends, or an attachment's <c>data</c> value comes next.</summary>
    private static Step Scan(ReadOnlySpan<byte> buffer, bool final, ref JsonReaderState state, ScanPath path)
    {
        var reader = new Utf8JsonReader(buffer, final, state);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                switch (reader.CurrentDepth)
                {
                    case 1:
                        path.InAttachments = reader.ValueTextEquals("_attachments"u8);
                        path.Attachment = null;
                        break;
                    case 2 when path.InAttachments:
                        path.Attachment = reader.GetString();
                        break;
                    case 3 when path.InAttachments && path.Attachment is not null && reader.ValueTextEquals("data"u8):
                        state = reader.CurrentState;
                        return new Step((int)reader.BytesConsumed, DataAt: true, Done: false, null);
                }
            }
        }
        catch (JsonException e)
        {
            return new Step(0, false, false, e.Message);
        }

        // In a final block the reader returns false only at the end of the document (an incomplete one throws).
        state = reader.CurrentState;
        return new Step((int)reader.BytesConsumed, DataAt: false, Done: final, null);
    }

    private readonly record struct Step(int Consumed, bool DataAt, bool Done, string? Error);

    private readonly record struct StringSpan(long Start, long End, bool ColonSkipped, bool Unterminated);

    /// <summary>Where the reader is: inside the top-level <c>_attachments</c>, and in which attachment.</summary>
    private sealed class ScanPath
    {
        public bool InAttachments { get; set; }

        public string? Attachment { get; set; }
    }
}
