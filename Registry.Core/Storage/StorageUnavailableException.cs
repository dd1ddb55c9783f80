namespace Registry.Core.Storage;

/// <summary>
/// A store the registry depends on cannot be used at all (an S3 bucket that does not exist, credentials the object
/// store refuses, a database that cannot be reached): not a bug and not the client's fault. The message says what is
/// wrong in words an operator can act on and names no secret; requests that meet it are answered 503.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
