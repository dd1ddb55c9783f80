using System.Security.Cryptography;
using System.Text;
using Registry.Core.Primitives;

namespace Registry.Core.Lineage;

/// <summary>
/// Identifies every prefix of an image's ordered layer list with one value, as Docker's chain IDs do: the chain of
/// the first layer is its digest; the chain of the first <c>n</c> layers is <c>sha256(chain(n-1) + " " + layer(n))</c>.
/// Two images share their first <c>n</c> layers exactly when their chains at depth <c>n</c> are equal, so "which base
/// image is this built on" becomes an index lookup instead of a comparison of layer lists.
/// </summary>
public static class LayerChain
{
    /// <summary>The chain at each depth 1..layers.Count (index 0 is depth 1).</summary>
    public static IReadOnlyList<string> Compute(IReadOnlyList<Digest> layers)
    {
        var chains = new string[layers.Count];
        string? previous = null;
        for (int i = 0; i < layers.Count; i++)
        {
            previous = previous is null
                ? layers[i].Value
                : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(previous + " " + layers[i].Value)));
            chains[i] = previous;
        }

        return chains;
    }
}
