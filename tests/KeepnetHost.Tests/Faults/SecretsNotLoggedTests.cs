using System.Collections.Concurrent;
using System.Net;
using KeepnetHost.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeepnetHost.Tests.Faults;

/// <summary>
/// With every log category at Trace (EF Core's SQL included), a provisioning cycle with good, bad and revoked tokens,
/// admin calls and failing requests writes no token, admin key or connection secret to any log line.
/// </summary>
public sealed class SecretsNotLoggedTests
{
    private const string User = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{0}","emails":[{"type":"work","value":"{0}"}]}""";

    [Fact]
    public async Task ProvisioningCycleAtTraceLevel_NoSecretInAnyLogLine()
    {
        var database = await HostDatabase.SqliteAsync();
        var logs = new ConcurrentQueue<string>();
        try
        {
            await using var factory = new KeepnetFactory(database, new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace" });
            await using var host = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
                s.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(logs))));
            using var adminHttp = host.CreateClient();
            adminHttp.DefaultRequestHeaders.Add("X-Api-Key", KeepnetFactory.AdminKey);
            var admin = new AdminClient(adminHttp);
            var company = await admin.CreateCompanyAsync();
            var (settingId, token) = await admin.CreateSettingAsync(company, new { name = "Entra ID" });

            var scim = Scim(host, token);
            (await scim.PostAsync("Users", User.Replace("{0}", "ann@contoso.com", StringComparison.Ordinal))).Expect(HttpStatusCode.Created);
            (await scim.GetAsync("Users?filter=userName+eq+%22ann@contoso.com%22")).Expect(HttpStatusCode.OK);
            (await scim.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"no-mail"}""")).ExpectScimError(HttpStatusCode.BadRequest);
            (await Scim(host, token + "x").GetAsync("Users")).ExpectScimError(HttpStatusCode.Unauthorized);
            var revoked = await admin.SendAsync(HttpMethod.Post, $"/api/companies/{company}/scim-settings/{settingId}/revoke");
            var newToken = revoked.Expect(HttpStatusCode.OK)["token"]!.GetValue<string>();
            (await Scim(host, token).GetAsync("Users")).ExpectScimError(HttpStatusCode.Unauthorized);
            (await Scim(host, newToken).GetAsync("Users")).Expect(HttpStatusCode.OK);

            Assert.NotEmpty(logs);
            foreach (var secret in new[] { token, newToken, KeepnetFactory.AdminKey })
            {
                Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
            }
        }
        finally
        {
            database.Delete();
        }
    }

    private static ScimClient Scim(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host, string token)
    {
        var http = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost/scim/") });
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return new ScimClient(http);
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception} {state}");
        }
    }
}
