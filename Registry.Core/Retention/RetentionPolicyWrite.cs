namespace Registry.Core.Retention;

/// <summary>The outcome of storing a policy: the policy as stored when <see cref="Status"/> is written.</summary>
public readonly record struct RetentionPolicyWrite(RetentionPolicyWriteStatus Status, RetentionPolicy? Policy);
