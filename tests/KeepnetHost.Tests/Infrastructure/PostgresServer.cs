using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KeepnetHost.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server: a fresh cluster in a temp folder, listening on a free loopback
/// port, with durability switched off because nothing in it has to survive the test run.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string FolderPrefix = "keepnet-pg-";
    private const string NotFound =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
        "Install the Debian package 'postgresql' (.ci/run does).";

    private static readonly Lazy<string?> s_binDirectory = new(FindBinDirectory);

    // PostgreSQL refuses to run as root, so as root every server command runs as the postgres user.
    private static readonly bool s_asPostgresUser = Environment.UserName == "root";

    private readonly string _root;
    private readonly string _bin;
    private readonly EventHandler _onProcessExit;
    private int _stopped;

    private PostgresServer(string root, string bin)
    {
        _root = root;
        _bin = bin;
        // Also stop the server when the test run is aborted before the fixture is disposed.
        _onProcessExit = (_, _) => Stop();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>How long <see cref="StartAsync"/> took (initdb and start).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed.</summary>
    public static string? BinDirectory => s_binDirectory.Value;

    /// <summary>
    /// Why PostgreSQL tests are skipped on this machine, or null when they run. On CI (CI=true) they
    /// always run, so that a machine without PostgreSQL fails them instead of passing quietly.
    /// </summary>
    public static string? SkipReason =>
        BinDirectory is null && !IsCi ? NotFound + " Skipped because CI is not 'true'." : null;

    private static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private string DataDirectory => Path.Combine(_root, "data");

    private string LogFile => Path.Combine(_root, "server.log");

    /// <summary>Creates a cluster in a temp folder and starts a server on it.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed, or initdb or pg_ctl failed.</exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = BinDirectory
            ?? throw new InvalidOperationException(NotFound + (IsCi ? " CI=true, so PostgreSQL tests fail instead of being skipped." : ""));
        StopOrphans(bin);

        var stopwatch = Stopwatch.StartNew();
        var root = Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "sock"));
        var server = new PostgresServer(root, bin);
        try
        {
            if (s_asPostgresUser)
                await RunAsync("chown", ["-R", "postgres:postgres", root], cancellationToken);
            await server.RunServerCommandAsync("initdb",
                ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                cancellationToken);
            await server.StartServerAsync(cancellationToken);
            server.StartupTime = stopwatch.Elapsed;
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    /// <summary>The connection string of one database on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    /// <param name="name">The database name; a unique one when omitted.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Stops the server but keeps its data, as a database outage does; <see cref="ResumeAsync"/> ends it.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default)
    {
        NpgsqlConnection.ClearAllPools();
        return RunServerCommandAsync("pg_ctl", ["-D", DataDirectory, "-w", "-m", "fast", "stop"], cancellationToken);
    }

    /// <summary>Starts a paused server again on the same port, so connection strings stay valid.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) =>
        RunServerCommandAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", ServerOptions(), "start"], cancellationToken);

    /// <summary>Stops the server at once and deletes its folder.</summary>
    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // The free port can be taken by another process before the server binds it: try another one.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await RunServerCommandAsync("pg_ctl",
                    ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", ServerOptions(), "start"],
                    cancellationToken);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && LogTail().Contains("already in use", StringComparison.Ordinal))
            {
                // Next attempt, on another port.
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException($"{e.Message}\n--- server log (tail) ---\n{LogTail()}", e);
            }
        }
    }

    // Every host of the suite keeps its own pool of idle connections to this one server (the concurrency tests fill
    // theirs), more than PostgreSQL's default 100 in all.
    private string ServerOptions() =>
        $"-p {Port} -h 127.0.0.1 -k {Path.Combine(_root, "sock")} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500";

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        NpgsqlConnection.ClearAllPools();
        StopServerAndDelete(_bin, _root);
    }

    private static void StopServerAndDelete(string bin, string root)
    {
        var data = Path.Combine(root, "data");
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            try
            {
                RunAsync(Command(bin, "pg_ctl"), [.. Arguments(bin, "pg_ctl"), "stop", "-D", data, "-m", "immediate", "-w"], default)
                    .GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped; the folder goes all the same.
            }
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // Servers of test runs that were killed before they could stop them (the folder names the test process).
    private static void StopOrphans(string bin)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-')[0];
            if (int.TryParse(owner, out var pid) && !IsRunning(pid))
                StopServerAndDelete(bin, folder);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private Task<string> RunServerCommandAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Command(_bin, tool), [.. Arguments(_bin, tool), .. arguments], cancellationToken);

    private static string Command(string bin, string tool) => s_asPostgresUser ? "runuser" : Path.Combine(bin, tool);

    private static string[] Arguments(string bin, string tool) =>
        s_asPostgresUser ? ["-u", "postgres", "--", Path.Combine(bin, tool)] : [];

    private static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var commandLine = $"{fileName} {string.Join(' ', start.ArgumentList)}";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start: {commandLine}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Timed out or cancelled: {commandLine}");
        }
        var output = (await stdout + await stderr).Trim();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"Exit code {process.ExitCode}: {commandLine}\n{output}");
    }

    private string LogTail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(30));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string? FindBinDirectory()
    {
        static bool HasTools(string folder) =>
            File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasTools);
        if (onPath is not null)
            return onPath;

        const string Installed = "/usr/lib/postgresql";
        if (!Directory.Exists(Installed))
            return null;
        return Directory.EnumerateDirectories(Installed)
            .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var v) ? v : -1, Bin: Path.Combine(version, "bin")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault(HasTools);
    }
}
