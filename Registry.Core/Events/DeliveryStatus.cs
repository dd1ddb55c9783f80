namespace Registry.Core.Events;

/// <summary>Where a delivery stands. The values are stored and must never be renumbered.</summary>
public enum DeliveryStatus
{
    /// <summary>Not delivered yet: due at its next attempt time, or being attempted by the node that claimed it.</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed; no more are made.</summary>
    Failed = 2,
}
