using System.Net;
using System.Net.Http.Json;
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
        var port = KeepnetProcess.FreePort();
        KeepnetProcess? host = null;
        try
        {
            host = await KeepnetProcess.StartAsync(database, port);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
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

            await host.KillAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => cycle);

            await using (var connection = new SqliteConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA integrity_check;";
                Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
            }

            await host.DisposeAsync();
            host = await KeepnetProcess.StartAsync(database, port);
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
            if (host is not null)
            {
                await host.DisposeAsync();
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
}
