namespace Registry.Api.Jobs;

/// <summary>Where a job runs.</summary>
internal enum JobScope
{
    /// <summary>On one node of the fleet at a time: the one holding the job's lease.</summary>
    Fleet,

    /// <summary>On every node, no lease (e.g. a gauge each node reports itself).</summary>
    Node,
}
