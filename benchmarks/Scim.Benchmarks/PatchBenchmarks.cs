using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Benchmarks;

/// <summary>
/// PATCH as identity providers send it: a typical Entra ID user update (5 operations, filter paths, a string boolean,
/// an extension attribute) and a group member add/remove, from the bytes of the request to the patched resource.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("PatchApply")]
public class PatchBenchmarks
{
    private const int GroupSize = 1_000;

    /// <summary>A user as Entra ID provisions it (RFC 7643 §8.2 shape, the attributes of Entra's default mapping).</summary>
    private const string User = """
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "id":"2819c223-7f76-453a-919d-413861904646","externalId":"bjensen","userName":"bjensen@contoso.com",
         "name":{"formatted":"Barbara Jensen","familyName":"Jensen","givenName":"Barbara"},
         "displayName":"Babs Jensen","title":"Tour Guide","preferredLanguage":"en-US","active":true,
         "emails":[{"value":"bjensen@contoso.com","type":"work","primary":true}],
         "phoneNumbers":[{"value":"555-555-5555","type":"work"},{"value":"555-555-4444","type":"mobile"}],
         "addresses":[{"streetAddress":"100 Universal City Plaza","locality":"Hollywood","region":"CA","postalCode":"91608",
           "country":"USA","formatted":"100 Universal City Plaza Hollywood, CA 91608 USA","type":"work"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tour Operations",
           "manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d"}},
         "meta":{"resourceType":"User","created":"2010-01-23T04:56:22Z","lastModified":"2011-05-13T04:42:34Z",
           "version":"W/\"3694e05e9dff591\"","location":"https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"}}
        """;

    /// <summary>Entra ID's default mode: one op per attribute, capitalised op names, filter paths, "False" as a string.</summary>
    private const string EntraUserPatch = """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
         {"op":"Replace","path":"emails[type eq \"work\"].value","value":"barbara.jensen@contoso.com"},
         {"op":"Replace","path":"name.familyName","value":"Jensen-Smith"},
         {"op":"Replace","path":"addresses[type eq \"work\"].locality","value":"Redmond"},
         {"op":"Replace","path":"active","value":"False"},
         {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"}]}
        """;

    /// <summary>Okta's membership change: remove one member through a filter, add another.</summary>
    private const string MemberPatch = """
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
         {"op":"remove","path":"members[value eq \"user-0500\"]"},
         {"op":"add","path":"members","value":[{"value":"user-new","display":"new@contoso.com"}]}]}
        """;

    private static readonly SchemaRegistry Registry = SchemaRegistry.CreateDefault();

    private readonly byte[] _entraUserPatch = Encoding.UTF8.GetBytes(EntraUserPatch);
    private readonly byte[] _memberPatch = Encoding.UTF8.GetBytes(MemberPatch);
    private readonly PatchEngine _engine = new(Registry);
    private readonly PatchEngine _validatingEngine = new(Registry, finalise: new SchemaValidator(Registry).ValidateForReplace);
    private readonly ScimResource _user = ScimResource.Parse(Registry.FindResourceType("User")!, User);
    private readonly ScimResource _group = ScimResource.Parse(Registry.FindResourceType("Group")!, Group(GroupSize));
    private readonly PatchRequest _entraRequest = PatchRequest.Parse(EntraUserPatch);

    [Benchmark(Baseline = true, Description = "Entra user, 5 ops: apply a parsed request to a parsed user")]
    public PatchResult ApplyEntraUser() => _engine.Apply(_user, _entraRequest);

    /// <summary>What the DOM alone costs: copy the user and make the same five writes by hand, no engine.</summary>
    [Benchmark(Description = "DOM floor: copy the user, make the same 5 writes by hand (no engine)")]
    public JsonObject CopyAndWriteByHand()
    {
        _ = _user.Json.Count; // as the engine does: copies of a read top level are cheap
        var json = (JsonObject)_user.Json.DeepClone();
        ((JsonObject)json["emails"]![0]!)["value"] = "barbara.jensen@contoso.com";
        ((JsonObject)json["name"]!)["familyName"] = "Jensen-Smith";
        ((JsonObject)json["addresses"]![0]!)["locality"] = "Redmond";
        json["active"] = false;
        ((JsonObject)json["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]!)["department"] = "Sales";
        return json;
    }

    [Benchmark(Description = "Entra user, 5 ops: bytes in, patched user out")]
    public PatchResult EntraUserFromBytes() => _engine.Apply(_user, PatchRequest.Parse(_entraUserPatch));

    [Benchmark(Description = "Entra user, 5 ops: bytes in, patched and schema-validated user out")]
    public PatchResult EntraUserFromBytesValidated() => _validatingEngine.Apply(_user, PatchRequest.Parse(_entraUserPatch));

    [Benchmark(Description = "Group of 1,000: member remove + add, bytes in, patched group out")]
    public PatchResult GroupMemberAddRemove() => _engine.Apply(_group, PatchRequest.Parse(_memberPatch));

    [Benchmark(Description = "Group of any size: member remove + add, bytes in, member changes out (store push-down)")]
    public MemberChanges? GroupMemberPushDown() =>
        PatchEngine.TryGetMemberChanges(PatchRequest.Parse(_memberPatch), out var changes) ? changes : null;

    private static string Group(int size)
    {
        var members = new JsonArray();
        for (var i = 0; i < size; i++)
        {
            members.Add((JsonNode)new JsonObject { ["value"] = $"user-{i:D4}", ["type"] = "User" });
        }

        var group = new JsonObject
        {
            ["schemas"] = new JsonArray((JsonNode)SchemaUrns.Group),
            ["id"] = "e9e30dba-f08f-4109-8486-d5c6a331660a",
            ["displayName"] = "Tour Guides",
            ["members"] = members,
        };
        return group.ToJsonString();
    }
}
