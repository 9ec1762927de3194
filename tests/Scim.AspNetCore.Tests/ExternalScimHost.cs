using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Scim.AspNetCore.Tests;

/// <summary>A built web app run as its own process on a free 127.0.0.1 port, with a client for its <c>/scim/</c> endpoints.</summary>
internal sealed class ExternalScimHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ExternalScimHost(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/scim/");
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>What the app printed so far, for assertion messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Runs <paramref name="dll"/> with the SCIM bearer token <paramref name="token"/> (the Scim:BearerToken setting).</summary>
    public static ExternalScimHost Start(string dll, string token)
    {
        var port = FreePort();
        var start = DotnetCli.StartInfo($"\"{dll}\"", Path.GetDirectoryName(dll)!);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Scim__BearerToken"] = token;
        var host = new ExternalScimHost(Process.Start(start)!, port);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Sends GET <paramref name="path"/> until the app answers at all (it is still starting until then).</summary>
    public async Task<HttpResponseMessage> FirstResponseAsync(string path, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, "The app exited:\n" + Log);
            try
            {
                return await Client.GetAsync(path);
            }
            catch (HttpRequestException) when (deadline.Elapsed < timeout)
            {
                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // it had exited already
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
