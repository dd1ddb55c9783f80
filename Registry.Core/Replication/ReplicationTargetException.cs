namespace Registry.Core.Replication;

/// <summary>The other registry of a run could not be reached or answered out of protocol (thrown by an <see cref="IReplicationTarget"/>).</summary>
public sealed class ReplicationTargetException : Exception
{
    public ReplicationTargetException()
    {
    }

    public ReplicationTargetException(string message)
        : base(message)
    {
    }

    public ReplicationTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
