namespace Registry.Core.Replication;

/// <summary>How a source repository name becomes the destination's: see <see cref="NamespaceMapping"/>.</summary>
public enum NamespaceMappingMode
{
    /// <summary>The same name.</summary>
    None,

    /// <summary>A leading namespace <see cref="NamespaceMapping.From"/> replaced by <see cref="NamespaceMapping.To"/>.</summary>
    Prefix,

    /// <summary>Only the last path component, under <see cref="NamespaceMapping.To"/> when one is given.</summary>
    Flatten,
}
