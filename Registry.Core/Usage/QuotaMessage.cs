namespace Registry.Core.Usage;

/// <summary>Human-readable quota refusals ("namespace 'team' would use 1.2 GiB of its 1 GiB quota; ...").</summary>
public static class QuotaMessage
{
    public static string Exceeded(string ns, long wouldUse, long limit)
        => $"namespace '{ns}' would use {Format(wouldUse)} of its {Format(limit)} quota; delete images or ask an admin to raise it";

    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : $"{value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} {units[unit]}";
    }
}
