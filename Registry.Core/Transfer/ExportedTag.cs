namespace Registry.Core.Transfer;

public sealed record ExportedTag(string Tag, string Digest);
