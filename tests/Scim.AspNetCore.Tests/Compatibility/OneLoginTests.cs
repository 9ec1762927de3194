using Scim.Core.Schema;

namespace Scim.AspNetCore.Tests.Compatibility;

/// <summary>OneLogin's SCIM JSON template as shared/reference/okta-and-others.md §7 records it, over the real pipeline.</summary>
public sealed class OneLoginTests
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private const string Enterprise = SchemaUrns.EnterpriseUser;

    private static string Template(string userName, string active) => $$$$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","{{{{Enterprise}}}}"],"id":null,
         "userName":"{{{{userName}}}}","name":{"givenName":"Ann","familyName":"Lee"},"active":"{{{{active}}}}",
         "emails":{"value":"{{{{userName}}}}","primary":true,"type":"work"},
         "{{{{Enterprise}}}}":{"department":"Sales","manager":{"managerId":"boss-1","displayName":"The Boss"}}}
        """;

    [Fact]
    public async Task Create_TemplateBody_CoercesActiveIgnoresNullIdWrapsEmailsAndReadsManagerId()
    {
        await using var host = await ScimTestHost.StartAsync();

        var created = await host.PostAsync("Users", Template("ann@onelogin.local", "true"));

        Assert.True(created.Status == 201, created.Body?.ToJsonString());
        Assert.False(string.IsNullOrEmpty(created.Body!["id"]!.GetValue<string>()));
        Assert.True(created.Body["active"]!.GetValue<bool>());
        Assert.Equal("ann@onelogin.local", created.Body["emails"]![0]!["value"]!.GetValue<string>());
        Assert.Equal("boss-1", created.Body[Enterprise]!["manager"]!["value"]!.GetValue<string>());
        Assert.Null(created.Body[Enterprise]!["manager"]!["managerId"]);
    }

    [Fact]
    public async Task Update_TemplateBodyByPutWithActiveFalse_DeactivatesTheUser()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.PostAsync("Users", Template("ann@onelogin.local", "true"))).Body!["id"]!.GetValue<string>();

        var put = await host.SendAsync(HttpMethod.Put, $"Users/{id}", Template("ann@onelogin.local", "false"));

        Assert.True(put.Status == 200, put.Body?.ToJsonString());
        Assert.False(put.Body!["active"]!.GetValue<bool>());
        Assert.Equal("boss-1", put.Body[Enterprise]!["manager"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_ManagerWithManagerId_SetsTheManagerValue()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.PostAsync("Users", Template("ann@onelogin.local", "true"))).Body!["id"]!.GetValue<string>();

        var patched = await host.PatchAsync($"Users/{id}", $$$$"""
            {"schemas":["{{{{PatchOp}}}}"],"Operations":[{"op":"replace","path":"{{{{Enterprise}}}}:manager","value":{"managerId":"boss-2","displayName":"New Boss"}}]}
            """);

        Assert.True(patched.Status == 200, patched.Body?.ToJsonString());
        Assert.Equal("boss-2", patched.Body![Enterprise]!["manager"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupMembership_PatchWithAnEmptyUserAgent_AddsTheMember()
    {
        await using var host = await ScimTestHost.StartAsync();
        var user = (await host.PostAsync("Users", Template("ann@onelogin.local", "true"))).Body!["id"]!.GetValue<string>();
        var group = (await host.CreateGroupAsync("OneLogin Group"))["id"]!.GetValue<string>();

        var patched = await host.PatchAsync($"Groups/{group}", $$$$"""
            {"schemas":["{{{{PatchOp}}}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{{{user}}}}"}]}]}
            """, r => r.Headers.TryAddWithoutValidation("User-Agent", string.Empty));
        var fetched = await host.GetAsync($"Groups/{group}");

        Assert.True(patched.Status is 200 or 204, patched.Body?.ToJsonString());
        Assert.Equal(user, fetched.Body!["members"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_User_Returns204AndTheUserIsGone()
    {
        await using var host = await ScimTestHost.StartAsync();
        var id = (await host.PostAsync("Users", Template("ann@onelogin.local", "true"))).Body!["id"]!.GetValue<string>();

        var deleted = await host.SendAsync(HttpMethod.Delete, $"Users/{id}");
        var fetched = await host.GetAsync($"Users/{id}");

        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, fetched.Status);
    }

    [Theory]
    [InlineData("\"active\":\"maybe\"", "active")]
    [InlineData("\"emails\":[[\"ann@onelogin.local\"]]", "emails[0]")]
    [InlineData("\"" + Enterprise + "\":{\"manager\":{\"managerId\":\"boss-1\",\"value\":\"boss-2\"}}", "manager")]
    [InlineData("\"" + Enterprise + "\":{\"manager\":{\"managerId\":[\"boss-1\"]}}", "managerId")]
    public async Task Create_ShapeNoClientSends_IsAScimErrorNamingTheAttribute(string property, string named)
    {
        await using var host = await ScimTestHost.StartAsync();

        var created = await host.PostAsync("Users", "{\"userName\":\"ann@onelogin.local\"," + property + "}");

        created.AssertError(400, "invalidValue");
        Assert.Contains(named, created.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TemplateBodyOnAStrictServer_IsTheRfcError()
    {
        await using var host = await ScimTestHost.StartAsync(o => o.Compatibility = ScimCompatibility.Strict);

        var created = await host.PostAsync("Users", Template("ann@onelogin.local", "true"));

        created.AssertError(400, "invalidValue");
    }
}
