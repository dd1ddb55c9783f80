using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.Features;

namespace Registry.Api.Operations.Metrics;

/// <summary>
/// Counts the bytes consumed from a request body that has no Content-Length (a chunked PATCH, as docker sends
/// layers). Installed only for such requests; every call is passed through to the server's reader.
/// </summary>
internal sealed class CountingPipeReader(PipeReader inner) : PipeReader, IRequestBodyPipeFeature
{
    private ReadOnlySequence<byte> _lastBuffer;

    public long BytesConsumed { get; private set; }

    PipeReader IRequestBodyPipeFeature.Reader => this;

    // Pooled state machines: a large chunked body is read in thousands of awaits, none of which should allocate.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        ReadResult result = await inner.ReadAsync(cancellationToken);
        _lastBuffer = result.Buffer;
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        _lastBuffer = result.Buffer;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
        Count(consumed);
        inner.AdvanceTo(consumed);
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        Count(consumed);
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    private void Count(SequencePosition consumed)
    {
        if (!_lastBuffer.IsEmpty)
        {
            BytesConsumed += _lastBuffer.Slice(_lastBuffer.Start, consumed).Length;
        }

        _lastBuffer = default;
    }
}
