using Scim.Core.Patching;
using Scim.Core.Schema;

namespace Scim.AspNetCore.Tests.Compatibility;

/// <summary>
/// <see cref="ScimOptions.Compatibility"/> as one switch: <see cref="ScimCompatibility.Strict"/> turns each client
/// leniency of docs/compatibility.md into the RFC's error over the real pipeline.
/// </summary>
public sealed class StrictCompatibilityTests
{
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private const string Enterprise = SchemaUrns.EnterpriseUser;

    [Fact]
    public void Compatibility_Strict_TurnsEveryPatchAndValidatorSwitchOffAndKeepsTheLimits()
    {
        var options = new ScimOptions { PatchOptions = new PatchOptions { MaxOperations = 7 } };

        options.Compatibility = ScimCompatibility.Strict;

        Assert.Equal(PatchOptions.Strict with { MaxOperations = 7 }, options.PatchOptions);
        Assert.Equal(UnknownAttributePolicy.Reject, options.ValidatorOptions.UnknownAttributes);
        Assert.Equal(SchemaValidatorOptions.Strict, options.ValidatorOptions);

        options.Compatibility = ScimCompatibility.Clients;

        Assert.Equal(PatchOptions.Default with { MaxOperations = 7 }, options.PatchOptions);
        Assert.True(options.ValidatorOptions.LenientArrays);
    }

    /// <summary>(leniency, PATCH operation on a user with a work email, the scimType of the strict error).</summary>
    public static TheoryData<string, string, string> PatchShapes => new()
    {
        { "CoerceStringBooleans (Entra)", """{"op":"Replace","path":"active","value":"False"}""", "invalidValue" },
        { "WrapPlainValues (Entra)", $$$$"""{"op":"add","path":"{{{{Enterprise}}}}:manager","value":"m-1"}""", "invalidValue" },
        { "LenientArrays (OneLogin)", """{"op":"add","path":"emails","value":{"value":"b@x.local"}}""", "invalidValue" },
        { "AllowPathKeys (Entra aadOptscim062020)", """{"op":"replace","value":{"name.givenName":"Ann"}}""", "invalidPath" },
        { "CreateOnFilteredAdd (Entra)", """{"op":"add","path":"addresses[type eq \"work\"].country","value":"US"}""", "noTarget" },
        { "IgnoreRemoveOfAbsent (Okta, Entra)", """{"op":"remove","path":"nickName"}""", "noTarget" },
    };

    [Theory]
    [MemberData(nameof(PatchShapes))]
    public async Task Patch_ClientShape_AcceptedByDefaultAndTheRfcErrorWhenStrict(string leniency, string operation, string scimType)
    {
        await using var lenient = await ScimTestHost.StartAsync();
        await using var strict = await ScimTestHost.StartAsync(o => o.Compatibility = ScimCompatibility.Strict);
        var body = $$$$"""{"schemas":["{{{{PatchOp}}}}"],"Operations":[{{{{operation}}}}]}""";

        var accepted = await lenient.PatchAsync($"Users/{await CreateAsync(lenient)}", body);
        var refused = await strict.PatchAsync($"Users/{await CreateAsync(strict)}", body);

        Assert.True(accepted.Status == 200, $"{leniency}: {accepted.Body?.ToJsonString()}");
        refused.AssertError(400, scimType);
    }

    [Fact]
    public async Task Patch_RemoveMembersByValueListStrict_RemovesEveryMemberAsTheRfcReads()
    {
        await using var strict = await ScimTestHost.StartAsync(o => o.Compatibility = ScimCompatibility.Strict);
        var alice = (await strict.CreateUserAsync("alice@x.local"))["id"]!.GetValue<string>();
        var bob = (await strict.CreateUserAsync("bob@x.local"))["id"]!.GetValue<string>();
        var group = (await strict.PostAsync("Groups", $$$$"""{"displayName":"g","members":[{"value":"{{{{alice}}}}"},{"value":"{{{{bob}}}}"}]}""")).Body!["id"]!.GetValue<string>();

        await strict.PatchAsync($"Groups/{group}", $$$$"""{"schemas":["{{{{PatchOp}}}}"],"Operations":[{"op":"remove","path":"members","value":[{"value":"{{{{alice}}}}"}]}]}""");
        var fetched = await strict.GetAsync($"Groups/{group}");

        Assert.Null(fetched.Body!["members"]);
    }

    [Theory]
    [InlineData("""{"userName":"a","active":"true"}""", "active")]
    [InlineData("""{"userName":"a","emails":{"value":"a@x.local"}}""", "emails")]
    [InlineData($$$$"""{"userName":"a","{{{{Enterprise}}}}":{"manager":{"managerId":"m-1"}}}""", "managerId")]
    [InlineData("""{"userName":"a","title":42}""", "title")]
    [InlineData("""{"userName":"a","favouriteColour":"blue"}""", "favouriteColour")]
    public async Task Create_ClientShapeStrict_IsTheRfcErrorNamingTheAttribute(string body, string named)
    {
        await using var strict = await ScimTestHost.StartAsync(o => o.Compatibility = ScimCompatibility.Strict);

        var created = await strict.PostAsync("Users", body);

        Assert.Equal(400, created.Status);
        Assert.Contains(named, created.Detail, StringComparison.Ordinal);
    }

    private static async Task<string> CreateAsync(ScimTestHost host) =>
        (await host.PostAsync("Users", """{"userName":"ann@x.local","emails":[{"value":"ann@x.local","type":"work"}]}""")).Body!["id"]!.GetValue<string>();
}
