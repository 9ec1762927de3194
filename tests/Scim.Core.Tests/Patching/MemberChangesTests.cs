using Scim.Core.Patching;
using static Scim.Core.Tests.Patching.PatchTesting;

namespace Scim.Core.Tests.Patching;

/// <summary><see cref="PatchEngine.TryGetMemberChanges(PatchRequest, out MemberChanges?)"/>: which requests a store may apply without loading the group.</summary>
public class MemberChangesTests
{
    public static TheoryData<string, string, string[], string[]> Recognised => new()
    {
        { "RFC 7644 §3.5.2.1 add", """[{"op":"add","path":"members","value":[{"display":"Babs Jensen","$ref":"https://example.com/v2/Users/2819c223","value":"2819c223"}]}]""", ["2819c223"], [] },
        { "RFC 7644 §3.5.2.2 remove through a filter", """[{"op":"remove","path":"members[value eq \"2819c223\"]"}]""", [], ["2819c223"] },
        { "Entra add with $ref null", """[{"op":"Add","path":"members","value":[{"$ref":null,"value":"u1"},{"$ref":null,"value":"u2"}]}]""", ["u1", "u2"], [] },
        { "Entra default-mode remove with a value list", """[{"op":"Remove","path":"members","value":[{"value":"u1"}]}]""", [], ["u1"] },
        { "Okta remove then add", """[{"op":"remove","path":"members[value eq \"u1\"]"},{"op":"add","path":"members","value":[{"value":"u2","display":"u2@example.com"}]}]""", ["u2"], ["u1"] },
        { "a filter of several values joined by or", """[{"op":"remove","path":"members[value eq \"u1\" or value eq \"u2\"]"}]""", [], ["u1", "u2"] },
        { "the URN-qualified path and a member type", """[{"op":"add","path":"urn:ietf:params:scim:schemas:core:2.0:Group:members","value":[{"value":"g7","type":"Group"}]}]""", ["g7"], [] },
        { "one member object instead of an array", """[{"op":"add","path":"members","value":{"value":"u1"}}]""", ["u1"], [] },
        { "the last operation on a value wins", """[{"op":"add","path":"members","value":[{"value":"u1"},{"value":"u2"}]},{"op":"remove","path":"members[value eq \"u1\"]"},{"op":"remove","path":"members[value eq \"u3\"]"},{"op":"add","path":"members","value":[{"value":"u3"}]}]""", ["u2", "u3"], ["u1"] },
        { "an empty add", """[{"op":"add","path":"members","value":[]}]""", [], [] },
    };

    [Theory]
    [MemberData(nameof(Recognised))]
    public void TryGetMemberChanges_MemberAddsAndRemoves_GivesTheNetChanges(string shape, string operations, string[] added, string[] removed)
    {
        _ = shape;

        Assert.True(PatchEngine.TryGetMemberChanges(PatchRequest.Parse(Body(operations)), out var changes));

        Assert.Equal(added, changes.Added);
        Assert.Equal(removed, changes.Removed);
        Assert.Equal(added.Length + removed.Length == 0, changes.IsEmpty);
    }

    [Theory]
    [InlineData("""[{"op":"remove","path":"members"}]""")]
    [InlineData("""[{"op":"replace","path":"members","value":[{"value":"u1"}]}]""")]
    [InlineData("""[{"op":"add","path":"members","value":[{"value":"u1"}]},{"op":"replace","path":"displayName","value":"G"}]""")]
    [InlineData("""[{"op":"replace","value":{"members":[{"value":"u1"}]}}]""")]
    [InlineData("""[{"op":"remove","path":"members[value co \"u\"]"}]""")]
    [InlineData("""[{"op":"remove","path":"members[type eq \"User\"]"}]""")]
    [InlineData("""[{"op":"remove","path":"members[value eq \"u1\" and type eq \"User\"]"}]""")]
    [InlineData("""[{"op":"remove","path":"members[value eq \"u1\"].type"}]""")]
    [InlineData("""[{"op":"add","path":"members","value":[{"value":"u1","custom":"x"}]}]""")]
    [InlineData("""[{"op":"add","path":"members","value":[{"value":5}]}]""")]
    [InlineData("""[{"op":"add","path":"members","value":[{"value":""}]}]""")]
    [InlineData("""[{"op":"add","path":"members","value":[{"display":"no value"}]}]""")]
    [InlineData("""[{"op":"add","path":"members[value eq \"u1\"]","value":{"value":"u1"}}]""")]
    [InlineData("""[{"op":"add","path":"emails","value":[{"value":"u1"}]}]""")]
    public void TryGetMemberChanges_AnythingElse_ReturnsFalse(string operations)
    {
        Assert.False(PatchEngine.TryGetMemberChanges(PatchRequest.Parse(Body(operations)), out var changes));
        Assert.Null(changes);
    }

    [Fact]
    public void TryGetMemberChanges_RemoveWithValueListStrict_ReturnsFalseBecauseItRemovesEveryMember()
    {
        var request = PatchRequest.Parse(Body("""[{"op":"Remove","path":"members","value":[{"value":"u1"}]}]"""));

        Assert.False(PatchEngine.TryGetMemberChanges(request, PatchOptions.Strict, out _));
    }

    [Theory]
    [MemberData(nameof(Recognised))]
    public void TryGetMemberChanges_AppliedByAStore_AgreesWithTheEngine(string shape, string operations, string[] added, string[] removed)
    {
        _ = (shape, added, removed);
        var group = Group();
        var request = PatchRequest.Parse(Body(operations));
        Assert.True(PatchEngine.TryGetMemberChanges(request, out var changes));

        // A store keeps a set of member ids and applies the net changes.
        var members = group.Json["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        members.UnionWith(changes.Added);
        members.ExceptWith(changes.Removed);

        var patched = new PatchEngine(Registry).Apply(group, request).Resource.Json["members"]?.AsArray();
        Assert.Equal(members.Order(StringComparer.Ordinal), (patched ?? []).Select(m => m!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }
}
