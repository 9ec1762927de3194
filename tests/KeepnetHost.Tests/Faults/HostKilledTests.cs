using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using KeepnetHost.Tests.Hosting;
using Microsoft.Data.Sqlite;

namespace KeepnetHost.Tests.Faults;

/// <summary>
/// The host process is killed (SIGKILL) in the middle of Entra's initial cycle and started again on the same SQLite
/// file: the database is intact, and replaying the cycle (look up by userName, create when absent) converges with
/// every user present exactly once.
/// </summary>
public sealed class HostKilledTests
{
    private const int Users = 150;

    [Fact]
    public async Task KilledMidCycle_RestartAndReplay_DatabaseIntactNothingLostOrDuplicated()
    {
        var database = await HostDatabase.SqliteAsync();
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        Process? host = null;
        try
        {
            host = Start(database, port);
            using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
            await WaitHealthyAsync(http);
            http.DefaultRequestHeaders.Add("X-Api-Key", KeepnetFactory.AdminKey);
            var company = (await (await http.PostAsJsonAsync("api/companies", new { name = "Acme", licenseCount = 1000 })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            var setting = await (await http.PostAsJsonAsync($"api/companies/{company}/scim-settings", new { name = "Entra ID" })).Content.ReadFromJsonAsync<JsonObject>();
            http.DefaultRequestHeaders.Authorization = new("Bearer", setting!["token"]!.GetValue<string>());

            var created = 0;
            var cycle = Task.Run(async () =>
            {
                for (var i = 0; i < Users; i++)
                {
                    await ProvisionAsync(http, i);
                    Interlocked.Increment(ref created);
                }
            });
            while (Volatile.Read(ref created) < Users / 3 && !cycle.IsCompleted)
            {
                await Task.Delay(10);
            }

            host.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
            await host.WaitForExitAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => cycle);

            await using (var connection = new SqliteConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA integrity_check;";
                Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
            }

            host = Start(database, port);
            await WaitHealthyAsync(http);
            for (var i = 0; i < Users; i++)
            {
                await ProvisionAsync(http, i);
            }

            var users = (await http.GetFromJsonAsync<JsonArray>($"api/companies/{company}/target-users"))!;
            Assert.Equal(Users, users.Count);
            Assert.Equal(Users, users.Select(u => u!["userName"]!.GetValue<string>()).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
        finally
        {
            if (host is { HasExited: false })
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }

            database.Delete();
        }
    }

    /// <summary>What Entra does per user: look the user up by userName, create them when the lookup finds nobody.</summary>
    private static async Task ProvisionAsync(HttpClient http, int i)
    {
        var userName = $"user{i:D4}@contoso.com";
        var lookup = await http.GetFromJsonAsync<JsonObject>($"scim/Users?filter=userName+eq+%22{Uri.EscapeDataString(userName)}%22");
        if (lookup!["totalResults"]!.GetValue<int>() > 0)
        {
            return;
        }

        var body = $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","active":true,"emails":[{"type":"work","value":"{{userName}}"}]}""";
        using var response = await http.PostAsync("scim/Users", new StringContent(body, Encoding.UTF8, "application/scim+json"));
        Assert.True(response.StatusCode is HttpStatusCode.Created, $"{userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Process Start(HostDatabase database, int port)
    {
        var start = new ProcessStartInfo("dotnet", ["KeepnetHost.dll", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__Keepnet"] = database.ConnectionString;
        start.Environment["Admin__ApiKey"] = KeepnetFactory.AdminKey;
        start.Environment["Scim__RateLimit__RequestsPerSecond"] = "100000";
        start.Environment["Scim__RateLimit__Burst"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "The host did not become healthy within 60 s.");
            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
