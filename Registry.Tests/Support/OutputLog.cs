using System.Text;

namespace Registry.Tests.Support;

/// <summary>Keeps the last lines a long-running process printed, for failure messages.</summary>
internal sealed class OutputLog(int capacity)
{
    private readonly Queue<string> lines = new(capacity);
    private readonly Lock gate = new();
    private long dropped;

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
                dropped++;
            }

            lines.Enqueue(line);
        }
    }

    /// <summary>The kept lines, newest last, at most <paramref name="maxLines"/> of them.</summary>
    public string Tail(int maxLines = int.MaxValue)
    {
        lock (gate)
        {
            var skip = Math.Max(0, lines.Count - maxLines);
            var text = new StringBuilder();
            if (skip + dropped > 0)
            {
                text.Append("(… ").Append(skip + dropped).AppendLine(" earlier lines not shown)");
            }

            foreach (var line in lines.Skip(skip))
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }
}
