using System.Diagnostics;
using System.Net;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;

namespace KeepnetHost.Tests.Faults;

/// <summary>
/// PostgreSQL stops under a running host: SCIM answers 503 with Retry-After at once (never a hang or a 500), nothing is
/// half-written, and service resumes by itself when the database is back. The test runs its own server, so stopping
/// it disturbs no other test.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const string User = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{0}","emails":[{"type":"work","value":"{0}"}]}""";

    [PostgresFact]
    public async Task PostgresStopped_Scim503WithRetryAfterQuickly_ThenResumesByItself()
    {
        await using var server = await PostgresServer.StartAsync();
        var database = new HostDatabase("Postgres", await server.CreateDatabaseAsync());
        await using var host = new KeepnetFactory(database, new Dictionary<string, string>());
        var admin = host.Admin();
        var company = await admin.CreateCompanyAsync();
        var (_, token) = await admin.CreateSettingAsync(company, new { name = "Entra ID" });
        var scim = host.Scim(token);
        (await scim.PostAsync("Users", User.Replace("{0}", "before@contoso.com", StringComparison.Ordinal))).Expect(HttpStatusCode.Created);

        await server.PauseAsync();
        var clock = Stopwatch.StartNew();
        var read = await scim.GetAsync("Users");
        var write = await scim.PostAsync("Users", User.Replace("{0}", "during@contoso.com", StringComparison.Ordinal));
        var elapsed = clock.Elapsed;
        using var health = await host.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));
        await server.ResumeAsync();

        foreach (var reply in new[] { read, write })
        {
            reply.ExpectScimError(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(5), reply.Headers.RetryAfter?.Delta);
        }

        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"The outage took {elapsed} to answer.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var after = (await scim.GetAsync("Users")).Expect(HttpStatusCode.OK);
        Assert.Equal(["before@contoso.com"], after["Resources"]!.AsArray().Select(u => u!["userName"]!.GetValue<string>()));
        (await scim.PostAsync("Users", User.Replace("{0}", "after@contoso.com", StringComparison.Ordinal))).Expect(HttpStatusCode.Created);
    }
}
