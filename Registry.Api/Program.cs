using Registry.Api.Commands;

// Without a command the binary runs the server; `--healthcheck`, `migrate`, `fsck`, `gc` and `reset-admin-password`
// are described by `--help` (Commands/RegistryCommandLine.cs).
return await RegistryCommandLine.InvokeAsync(args);

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
