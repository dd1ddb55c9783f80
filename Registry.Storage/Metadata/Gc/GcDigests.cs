using Registry.Core.Manifests;
using Registry.Core.Storage;

namespace Registry.Storage.Metadata.Gc;

internal static class GcDigests
{
    /// <summary>The digests a recorded manifest keeps referenced: its dependencies' and its own.</summary>
    public static string[] Of(ManifestWrite manifest)
    {
        var digests = new string[manifest.Dependencies.Count + 1];
        for (int i = 0; i < manifest.Dependencies.Count; i++)
        {
            digests[i] = manifest.Dependencies[i].Digest.Value;
        }

        digests[^1] = manifest.Digest.Value;
        return digests;
    }
}
