using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace KeepnetHost.Tests.Hosting;

/// <summary>
/// The built host (KeepnetHost.dll, copied next to the tests) as a process of its own, on Kestrel at 127.0.0.1, for what
/// a test server cannot show: a process killed, or a client that only speaks HTTP over a socket.
/// </summary>
public sealed class KeepnetProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 50;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private bool _disposed;

    private KeepnetProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the host on a database and a port (a free one when none is given) and waits until <c>/healthz</c> answers.
    /// Settings are configuration keys (<c>LoadTest:Baseline</c>), over the defaults of <see cref="KeepnetFactory"/>.
    /// </summary>
    public static async Task<KeepnetProcess> StartAsync(HostDatabase database, int? port = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port ?? FreePort()}/");
        var start = new ProcessStartInfo("dotnet", ["KeepnetHost.dll", "--urls", baseAddress.GetLeftPart(UriPartial.Authority)])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings:Keepnet"] = database.ConnectionString,
            ["Storage:Provider"] = database.Provider,
            ["Admin:ApiKey"] = KeepnetFactory.AdminKey,
            ["Scim:RateLimit:RequestsPerSecond"] = "100000",
            ["Scim:RateLimit:Burst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        // Environment variables, not arguments, so the admin key is not on the process's command line.
        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var host = new KeepnetProcess(Process.Start(start)!, baseAddress);
        host._process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await host.WaitHealthyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL: no shutdown, no flush.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"The host exited with code {_process.ExitCode} before it was healthy:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, $"The host did not become healthy within 60 s:\n{Output()}");
            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept)
        {
            _output.TryDequeue(out _);
        }
    }

    private string Output() => string.Join('\n', _output);
}
