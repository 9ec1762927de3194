using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Scim.Core.Resources;
using Scim.Core.Schema;
using Scim.Core.Stores;

namespace Scim.AspNetCore.Tests.Endpoints;

public sealed class HttpSemanticsTests
{
    private const string UserJson = """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen"}""";

    [Theory]
    [InlineData("POST", "Users")]
    [InlineData("GET", "Users?filter=userName%20eq%20%22bjensen%22")]
    [InlineData("GET", "Users/no-such-id")]
    [InlineData("GET", "ServiceProviderConfig")]
    public async Task Responses_StateTheExactLengthOfTheirBody(string method, string path)
    {
        await using var host = await ScimTestHost.StartAsync();
        if (method == "GET")
        {
            await host.CreateUserAsync("bjensen");
        }

        var response = await host.SendAsync(new HttpMethod(method), path, method == "POST" ? UserJson : null);

        // The header as sent: HttpContent.Headers.ContentLength would work a length out of the buffered body.
        Assert.True(response.Message.Content.Headers.TryGetValues("Content-Length", out var sent));
        var body = await response.Message.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(body);
        Assert.Equal(body.Length.ToString(CultureInfo.InvariantCulture), Assert.Single(sent));
    }

    [Theory]
    [InlineData("application/scim+json")]
    [InlineData("application/scim+json; charset=utf-8")]
    [InlineData("application/json")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("APPLICATION/SCIM+JSON")]
    public async Task Post_AcceptedContentTypes_Return201(string contentType)
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "Users", UserJson, contentType);

        Assert.Equal(201, response.Status);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Post_WrongContentType_Returns415AndWritesNothing(string contentType)
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.SendAsync(HttpMethod.Post, "Users", UserJson, contentType);

        response.AssertError(415);
        Assert.Equal(0, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Get_NoAcceptHeader_ReturnsScimJson()
    {
        await using var host = await ScimTestHost.StartAsync();
        Assert.Empty(host.Client.DefaultRequestHeaders.Accept);

        var response = await host.GetAsync("Users");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/scim+json; charset=utf-8", response.ContentType);
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400InvalidSyntaxWithPosition()
    {
        await using var host = await ScimTestHost.StartAsync();

        var response = await host.PostAsync("Users", "{\"userName\": \"bjensen\",\n  \"active\": tru }");

        response.AssertError(400, "invalidSyntax");
        Assert.Contains("line 2", response.Detail, StringComparison.Ordinal);
        Assert.Contains("position", response.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"userName":"a","userName":"b"}""")]
    public async Task Post_BodyNotOneJsonObject_Returns400InvalidSyntax(string body)
    {
        await using var host = await ScimTestHost.StartAsync();

        (await host.PostAsync("Users", body)).AssertError(400, "invalidSyntax");
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_Returns413AndWritesNothing()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.MaxRequestBodySize = 1000);
        var body = UserJson.Replace("\"bjensen\"", "\"bjensen\",\"displayName\":\"" + new string('x', 2000) + "\"", StringComparison.Ordinal);

        var response = await host.PostAsync("Users", body);

        response.AssertError(413);
        Assert.Equal(0, (await host.GetAsync("Users")).Body!["totalResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task Post_ChunkedBodyOverTheLimit_Returns413()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.MaxRequestBodySize = 1000);
        using var request = new HttpRequestMessage(HttpMethod.Post, "Users")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("{\"userName\":\"" + new string('x', 5000) + "\"}"))),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/scim+json");
        request.Headers.TransferEncodingChunked = true;

        var response = await host.Client.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task Post_DefaultLimit_IsOneMebibyte()
    {
        await using var host = await ScimTestHost.StartAsync();
        var body = UserJson.Replace("\"bjensen\"", "\"bjensen\",\"displayName\":\"" + new string('x', 1024 * 1024) + "\"", StringComparison.Ordinal);

        (await host.PostAsync("Users", body)).AssertError(413);
    }

    [Fact]
    public async Task UnexpectedException_Returns500WithCorrelationIdThatIsLogged()
    {
        await using var host = await ScimTestHost.StartAsync(store: s => s.AddStore<FailingStore>(ServiceLifetime.Singleton));

        var response = await host.GetAsync("Users");

        response.AssertError(500);
        Assert.DoesNotContain("secret", response.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", response.Detail, StringComparison.Ordinal);
        var correlationId = System.Text.RegularExpressions.Regex.Match(response.Detail!, "correlation id (\\S+) when").Groups[1].Value;
        Assert.NotEmpty(correlationId);
        Assert.Contains(host.Logs, line => line.Contains(correlationId, StringComparison.Ordinal) && line.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MappedException_IsThatScimErrorAnd503CarriesRetryAfter()
    {
        await using var host = await ScimTestHost.StartAsync(
            o =>
            {
                o.MapException = e => e is InvalidOperationException ? new Scim.Core.Errors.ScimError(503, null, "The database is not available right now.") : null;
                o.UnavailableRetryAfter = TimeSpan.FromSeconds(7);
            },
            store: s => s.AddStore<FailingStore>(ServiceLifetime.Singleton));

        var response = await host.GetAsync("Users");
        var bulk = await host.PostAsync("Bulk", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"DELETE","path":"/Users/x"}]}
            """);

        response.AssertError(503);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Message.Headers.RetryAfter?.Delta);
        Assert.Equal("503", bulk.Body!["Operations"]![0]!["status"]!.GetValue<string>());
        Assert.DoesNotContain(host.Logs, line => line.Contains("failed unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unauthorized_Returns401ScimErrorWithChallenge()
    {
        await using var host = await ScimTestHost.StartAsync();
        host.Client.DefaultRequestHeaders.Authorization = null;

        var none = await host.GetAsync("Users");
        var wrong = await host.GetAsync("Users", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong"));
        var basic = await host.GetAsync("Users", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", ScimTestHost.Token));
        var unknownPath = await host.GetAsync("Nothing");
        var lowerCaseScheme = await host.GetAsync("Users", r => r.Headers.Authorization = new AuthenticationHeaderValue("bearer", ScimTestHost.Token));

        none.AssertError(401);
        wrong.AssertError(401);
        basic.AssertError(401);
        unknownPath.AssertError(401);
        Assert.Equal("Bearer", none.Message.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(200, lowerCaseScheme.Status);
    }

    private sealed class FailingStore : IResourceStore
    {
        public ValueTask<ScimResource?> GetAsync(ResourceType type, string id, StoreContext context, CancellationToken cancellationToken = default) => throw Fail();

        public Task<ScimResource> CreateAsync(ScimResource resource, StoreContext context, CancellationToken cancellationToken = default) => throw Fail();

        public Task<ScimResource> ReplaceAsync(ScimResource resource, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) => throw Fail();

        public Task DeleteAsync(ResourceType type, string id, string? expectedVersion, StoreContext context, CancellationToken cancellationToken = default) => throw Fail();

        public Task<QueryResult> QueryAsync(ResourceType type, ListQuery query, StoreContext context, CancellationToken cancellationToken = default) => throw Fail();

        private static InvalidOperationException Fail() => new("The database password is secret and the server is down.");
    }
}
