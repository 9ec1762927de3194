using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scim.Core.Errors;

namespace Scim.AspNetCore.Tests.Extensibility;

/// <summary><see cref="ScimRequestFeature"/>: what a host's middleware learns after the endpoints, without re-reading bodies.</summary>
public sealed class RequestFeatureTests
{
    [Fact]
    public async Task Feature_AfterEachRequest_HoldsTheBodyReadAndTheErrorWritten()
    {
        var seen = new ConcurrentQueue<(string Request, ScimRequestFeature? Feature)>();
        await using var host = await ScimTestHost.StartAsync(middleware: app => app.Use(async (context, next) =>
        {
            await next(context);
            seen.Enqueue(($"{context.Request.Method} {context.Response.StatusCode}", context.Features.Get<ScimRequestFeature>()));
        }));

        var created = await host.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"olga"}""");
        var conflict = await host.PostAsync("Users", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"OLGA"}""");
        await host.GetAsync("Users");
        var refused = await host.GetAsync("Users", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong"));

        Assert.Equal(StatusCodes.Status201Created, created.Status);
        var byRequest = seen.ToDictionary(s => s.Request, s => s.Feature);
        Assert.Equal("olga", byRequest["POST 201"]!.Body!["userName"]!.GetValue<string>());
        Assert.Null(byRequest["POST 201"]!.Error);

        var uniqueness = byRequest["POST 409"]!;
        Assert.Equal("OLGA", uniqueness.Body!["userName"]!.GetValue<string>());
        Assert.Equal(new ScimError(StatusCodes.Status409Conflict, ScimErrorType.Uniqueness, conflict.Body!["detail"]!.GetValue<string>()), uniqueness.Error);

        // A GET that succeeds reads no body and writes no error: the feature is not even there.
        Assert.Null(byRequest["GET 200"]);
        Assert.Equal(StatusCodes.Status401Unauthorized, byRequest["GET 401"]!.Error!.Status);
        Assert.Equal(refused.Body!["detail"]!.GetValue<string>(), byRequest["GET 401"]!.Error!.Detail);
    }
}
