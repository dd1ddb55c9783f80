namespace Registry.Core.Transfer;

public sealed record ExportedProperty(string Name, string Value);
