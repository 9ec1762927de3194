using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scim.AspNetCore;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.Benchmarks;

/// <summary>
/// Whole requests through the real ASP.NET Core pipeline (routing, bearer token, endpoints, JSON, the in-memory store)
/// as Entra ID sends them, over a store seeded with <see cref="Users"/> users.
/// </summary>
/// <remarks>
/// TestServer rather than Kestrel on 127.0.0.1: on this shared 2-core machine a loopback socket adds a client and a
/// server thread fighting for the cores and a network stack whose cost is not ours, which would bury the library's
/// share of a request in noise. TestServer runs the same middleware and endpoints over in-memory streams, so what is
/// measured (time and allocations, client side included) is the pipeline and the library, not the transport.
/// </remarks>
[MemoryDiagnoser]
[BenchmarkCategory("Pipeline")]
[Config(typeof(RequestsPerSecondConfig))]
public class PipelineBenchmarks
{
    private const string Token = "benchmark-token-0123456789";

    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _userPath = null!;
    private string _lookupPath = null!;
    private ByteArrayContent[] _patches = null!;
    private long _invocation;

    /// <summary>How many users the store holds; the filter lookup must not depend on it (the store indexes userName).</summary>
    [Params(1_000, 100_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders(); // a console logger would measure the console
        builder.Services.AddScim().AddInMemoryStore();
        _app = builder.Build();
        _app.MapScim("/scim").RequireScimBearerToken(Token);
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();
        _client.BaseAddress = new Uri("http://localhost/scim/");
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        // Seeded through the store, not over HTTP: 100,000 POSTs per benchmark process would dominate the run.
        var store = _app.Services.GetRequiredService<InMemoryResourceStore>();
        var users = _app.Services.GetRequiredService<SchemaRegistry>().FindResourceType("User")!;
        var target = Users * 54_321L / 100_000; // user-54321 of 100,000; user-543 of 1,000
        string? targetId = null;
        for (var i = 0; i < Users; i++)
        {
            var created = store.CreateAsync(ScimResource.Parse(users, EntraUser($"user-{i}@contoso.com", $"ext-{i}")), StoreContext.Anonymous).GetAwaiter().GetResult();
            targetId = i == target ? created.Id : targetId;
        }

        _userPath = "Users/" + targetId;
        _lookupPath = "Users?filter=" + Uri.EscapeDataString($"userName eq \"user-{target}@contoso.com\"");
        _patches = [Patch("Jensen-Smith"), Patch("Jensen")];

        // Fail here, not with a table of fast 404s: every request must do what it claims, and the lookup must use the index.
        var before = store.ResourcesEvaluated;
        Check(GetUserByFilter(), HttpStatusCode.OK);
        if (store.ResourcesEvaluated - before > 1)
        {
            throw new InvalidOperationException($"The userName eq lookup evaluated {store.ResourcesEvaluated - before} users: it scanned instead of using the index.");
        }

        Check(GetUser(), HttpStatusCode.OK);
        Check(CreateUser(), HttpStatusCode.Created);
        Check(PatchUser(), HttpStatusCode.OK, HttpStatusCode.NoContent);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "GET /Users/{id}")]
    public Task<HttpStatusCode> GetUser() => SendAsync(new HttpRequestMessage(HttpMethod.Get, _userPath));

    [Benchmark(Description = "GET /Users?filter=userName eq \"...\" (Entra's lookup)")]
    public Task<HttpStatusCode> GetUserByFilter() => SendAsync(new HttpRequestMessage(HttpMethod.Get, _lookupPath));

    /// <summary>Each call adds a user (a new userName every time), so the store grows by the invocation count during a run.</summary>
    [Benchmark(Description = "POST /Users (new userName each call)")]
    public Task<HttpStatusCode> CreateUser()
    {
        var n = ++_invocation;
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, "Users") { Content = Json(EntraUser($"new-{n}@contoso.com", $"new-{n}")) });
    }

    /// <summary>Entra ID's default-mode PATCH; the family name alternates so that every call really writes.</summary>
    [Benchmark(Description = "PATCH /Users/{id} (Replace name.familyName, active \"False\")")]
    public Task<HttpStatusCode> PatchUser() =>
        SendAsync(new HttpRequestMessage(HttpMethod.Patch, _userPath) { Content = _patches[++_invocation & 1] });

    private static string EntraUser(string userName, string externalId) => $$$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "externalId":"{{{externalId}}}","userName":"{{{userName}}}","active":true,"displayName":"Barbara Jensen",
         "name":{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"Barbara"},
         "emails":[{"value":"{{{userName}}}","type":"work","primary":true}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Tour Operations"}}
        """;

    private static ByteArrayContent Patch(string familyName) => Json($$"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
         {"op":"Replace","path":"name.familyName","value":"{{familyName}}"},
         {"op":"Replace","path":"active","value":"False"}]}
        """);

    private static ByteArrayContent Json(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/scim+json");
        return content;
    }

    private static void Check(Task<HttpStatusCode> request, params HttpStatusCode[] expected)
    {
        var status = request.GetAwaiter().GetResult();
        if (!expected.Contains(status))
        {
            throw new InvalidOperationException($"Expected {string.Join(" or ", expected)}, got {status}.");
        }
    }

    private async Task<HttpStatusCode> SendAsync(HttpRequestMessage request)
    {
        // The default completion option reads the whole body, as a real client does; the request is not disposed, as
        // that would dispose the shared PATCH bodies (it holds nothing else that needs it).
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Adds requests per second (1 / mean) beside the mean.</summary>
    private sealed class RequestsPerSecondConfig : ManualConfig
    {
        public RequestsPerSecondConfig() => AddColumn(new RequestsPerSecondColumn());
    }

    private sealed class RequestsPerSecondColumn : IColumn
    {
        public string Id => nameof(RequestsPerSecondColumn);

        public string ColumnName => "Req/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Requests per second on one thread: 1 / Mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } statistics
                ? (1e9 / statistics.Mean).ToString("N0", CultureInfo.InvariantCulture)
                : "NA";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
