namespace Registry.Core.Transfer;

/// <param name="Kind"><c>manifest</c>, <c>blob</c> (config, layer) or <c>file</c> (of an artifact repository).</param>
public sealed record ExportedBlob(string Digest, long Size, string Kind);
