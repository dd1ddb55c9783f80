using System.Globalization;
using Registry.Core.Transfer;

namespace Registry.Api.Transfer;

/// <summary>
/// Prints a transfer's progress to standard error for the <c>export</c> and <c>import</c> commands: a line when a
/// phase starts and ends, and at most one a second in between ("write 12/40 items, 120.0 of 300.0 MiB").
/// </summary>
internal sealed class ProgressPrinter(TextWriter error, TimeProvider time) : IProgress<TransferProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private string? _phase;
    private DateTimeOffset _last;

    public void Report(TransferProgress value)
    {
        DateTimeOffset now = time.GetUtcNow();
        bool phaseChanged = value.Phase != _phase;
        bool finished = value.Items == value.TotalItems;
        if (!phaseChanged && !finished && now - _last < Interval)
        {
            return;
        }

        _phase = value.Phase;
        _last = now;
        error.WriteLine(Describe(value));
    }

    public static string Describe(TransferProgress value) => string.Create(
        CultureInfo.InvariantCulture,
        $"{value.Phase} {value.Items}/{value.TotalItems} items, {Mebibytes(value.Bytes)} of {Mebibytes(value.TotalBytes)} MiB");

    private static string Mebibytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
