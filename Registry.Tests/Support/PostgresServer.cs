using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Registry.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL 15 server, one per test process: a fresh cluster in a temp directory, listening on 127.0.0.1
/// at a free port (its unix socket stays inside the directory), without fsync. It is started on first use
/// (<see cref="SharedAsync"/>, or an instance's <see cref="InitializeAsync"/>, which is how <see cref="PostgresCollection"/>
/// and the multi-node tests get it) and stopped when the process exits, so tests that never touch PostgreSQL never wait
/// for it. Each test asks for its own database. The cluster's default collation is ICU en-US, so ordinal ordering
/// must come from the schema's <c>COLLATE "C"</c> columns, as on a typical production server.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string OsUser = "postgres";
    private static readonly ProcessRunOptions Slow = new() { Timeout = TimeSpan.FromMinutes(2) };
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartSharedAsync);
    private TempDirectory? _directory;
    private string? _connectionString;

    public int Port { get; private set; }

    /// <summary>The superuser's connection to the <c>postgres</c> database (trust authentication).</summary>
    public string AdminConnectionString => _connectionString ?? throw new InvalidOperationException("The server has not started.");

    private string DataDirectory => _directory!.Combine("data");

    /// <summary>The process's server, started by the first caller.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>Makes this instance a handle on the process's server (started here if it is the first use).</summary>
    public async Task InitializeAsync()
    {
        PostgresServer shared = await SharedAsync();
        Port = shared.Port;
        _connectionString = shared._connectionString;
    }

    /// <summary>Nothing to do for a handle: the shared server stops when the process exits.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = new PostgresServer();
        await server.CreateClusterAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private async Task CreateClusterAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")) || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries are missing from {BinDirectory}; the PostgreSQL metadata store tests need " +
                "them. Install the Debian package: apt-get install postgresql-15 (or run .ci/install-tools as root).");
        }

        _directory = TempDirectory.Create("registry-pg-");
        if (Environment.IsPrivilegedProcess)
        {
            // initdb and postgres refuse to run as root; the cluster belongs to the postgres account.
            await ProcessRunner.RunCheckedAsync("chown", ["-R", $"{OsUser}:{OsUser}", _directory.Path]);
        }

        await RunAsync("initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
            "--locale=C.UTF-8", "--locale-provider=icu", "--icu-locale=en-US", "--no-sync", "--no-instructions"]);
        await StartAsync();
    }

    /// <summary>Creates an empty database with a unique name; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(int maxPoolSize = 20)
    {
        string name = "registry_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" STRATEGY = FILE_COPY", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    /// <summary>
    /// Stops the server at process exit. The test host is given little time to exit (vstest kills it soon after the
    /// run), so this signals the postmaster directly (SIGQUIT: immediate shutdown) instead of running pg_ctl, and leaves
    /// the removal of the cluster's directory to <see cref="ExitCleanup"/>.
    /// </summary>
    private void Stop()
    {
        string pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out int pid))
        {
            _ = Kill(pid, SigQuit);
        }

        ExitCleanup.RemoveDirectoryLater(_directory!.Path);
    }

    private const int SigQuit = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private async Task StartAsync()
    {
        ProcessResult? failure = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            // The port is free now; another process could take it before postgres binds it, hence the retries.
            int port = FreePort();
            string options = $"-c listen_addresses=127.0.0.1 -p {port} -k {_directory!.Path} -c fsync=off -c synchronous_commit=off " +
                "-c full_page_writes=off -c max_connections=500";
            ProcessResult result = await RunAsync("pg_ctl",
                ["start", "-D", DataDirectory, "-l", _directory.Combine("server.log"), "-w", "-t", "60", "-o", options], check: false);
            if (result.Succeeded)
            {
                Port = port;
                _connectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    Pooling = false,
                }.ConnectionString;
                return;
            }

            failure = result;
        }

        string log = File.Exists(_directory!.Combine("server.log")) ? await File.ReadAllTextAsync(_directory.Combine("server.log")) : "(no log)";
        throw new InvalidOperationException($"PostgreSQL did not start.\n{failure!.Describe()}\n--- server.log ---\n{log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a PostgreSQL program, as the postgres account when the tests run as root.</summary>
    private static async Task<ProcessResult> RunAsync(string program, string[] arguments, bool check = true)
    {
        string path = Path.Combine(BinDirectory, program);
        ProcessResult result = Environment.IsPrivilegedProcess
            ? await ProcessRunner.RunAsync("runuser", ["-u", OsUser, "--", path, .. arguments], Slow)
            : await ProcessRunner.RunAsync(path, arguments, Slow);
        return check ? result.EnsureSuccess() : result;
    }
}
