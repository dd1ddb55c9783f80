using Registry.Core.Manifests;
using Registry.Core.Primitives;

namespace Registry.Core.Transfer;

/// <summary>A manifest of the layout, read and parsed (its bytes are small and were hashed).</summary>
public sealed record ImportManifest(Digest Digest, byte[] Content, ParsedManifest Parsed);
