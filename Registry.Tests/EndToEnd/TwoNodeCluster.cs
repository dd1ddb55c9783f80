namespace Registry.Tests.EndToEnd;

/// <summary>Two nodes of <see cref="MultiNodeCluster"/> with the default settings.</summary>
public sealed class TwoNodeCluster : MultiNodeCluster
{
    protected override int NodeCount => 2;
}
