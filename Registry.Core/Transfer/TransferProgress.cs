namespace Registry.Core.Transfer;

/// <summary>How far an export or import is: <paramref name="Phase"/> (<c>verify</c>, <c>write</c>, <c>import</c>), items and bytes done of the totals.</summary>
public readonly record struct TransferProgress(string Phase, int Items, int TotalItems, long Bytes, long TotalBytes);
