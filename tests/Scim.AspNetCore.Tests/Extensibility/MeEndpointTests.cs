namespace Scim.AspNetCore.Tests.Extensibility;

/// <summary>/Me (RFC 7644 §3.11) through a host-supplied resolver; here the caller names their user in a header.</summary>
public sealed class MeEndpointTests
{
    private static Task<ScimTestHost> StartAsync() =>
        ScimTestHost.StartAsync(store: s => s.AddInMemoryStore().AddMeResolver(c => c.Request.Headers["X-User-Id"].FirstOrDefault()));

    private static Action<HttpRequestMessage> As(string id) => r => r.Headers.Add("X-User-Id", id);

    [Fact]
    public async Task GetMe_ResolvedCaller_ReturnsTheirUserWithItsPermanentLocation()
    {
        await using var host = await StartAsync();
        var id = (await host.CreateUserAsync("kim"))["id"]!.GetValue<string>();

        var me = await host.GetAsync("Me", As(id));

        Assert.Equal(200, me.Status);
        Assert.Equal("kim", me.Body!["userName"]!.GetValue<string>());
        Assert.Equal($"http://localhost/scim/Users/{id}", me.Body["meta"]!["location"]!.GetValue<string>());
        Assert.Equal($"http://localhost/scim/Users/{id}", me.Message.Content.Headers.ContentLocation!.ToString());
        Assert.Equal("W/\"1\"", me.ETag);
    }

    [Fact]
    public async Task PatchAndDeleteMe_ActOnTheCallersUser()
    {
        await using var host = await StartAsync();
        var id = (await host.CreateUserAsync("lee"))["id"]!.GetValue<string>();

        var patched = await host.PatchAsync("Me", """
            {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"nickName","value":"Lee"}]}
            """, As(id));
        var deleted = await host.SendAsync(HttpMethod.Delete, "Me", configure: As(id));

        Assert.Equal(200, patched.Status);
        Assert.Equal("Lee", patched.Body!["nickName"]!.GetValue<string>());
        Assert.Equal(204, deleted.Status);
        (await host.GetAsync($"Users/{id}")).AssertError(404);
    }

    [Fact]
    public async Task GetMe_CallerWithoutAUser_Is404()
    {
        await using var host = await StartAsync();

        (await host.GetAsync("Me")).AssertError(404);
        (await host.GetAsync("Me", As("no-such-user"))).AssertError(404);
    }

    [Fact]
    public async Task PostMe_SelfRegistration_Is501()
    {
        await using var host = await StartAsync();

        (await host.PostAsync("Me", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"self"}""")).AssertError(501);
    }
}
