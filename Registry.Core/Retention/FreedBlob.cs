namespace Registry.Core.Retention;

/// <summary>A blob (layer, config or manifest bytes) that no manifest would use any more once a plan has run.</summary>
public sealed record FreedBlob(string Digest, long Size);
