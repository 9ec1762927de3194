using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Patching;
using Scim.Core.Resources;
using Scim.Testing;
using Xunit.Abstractions;
using static Scim.Core.Tests.Patching.PatchTesting;

namespace Scim.Core.Tests.Patching;

/// <summary>
/// Random PATCH sequences (<see cref="RandomPatchGenerator"/>, seeded): after every request the resource is still
/// schema-valid (the schema validator accepts it and has nothing left to normalise), holds no unassigned values and at
/// most one primary per attribute, agrees with a model of what the requests asked for, and a request with one bad
/// operation anywhere fails naming that operation and changes nothing. Member ids compare case-insensitively, as the
/// RFC 7643 Group schema's <c>members.value</c> (caseExact false) says.
/// </summary>
[Trait("Category", "Generated")]
public class PatchPropertyTests(ITestOutputHelper output)
{
    private const int Steps = 300;

    [Fact]
    public Task Apply_RandomUserPatchSequences_KeepTheUserValidAndFailuresAtomic() => GeneratedCases.RunAsync(output, 10, UserSequence);

    [Fact]
    public Task Apply_RandomMemberSequences_MatchASetOfIdsAndThePushDown() => GeneratedCases.RunAsync(output, 10, MemberSequence);

    private static void UserSequence(int seed)
    {
        var generator = new RandomPatchGenerator(seed);
        var engine = new PatchEngine(Registry);
        var user = Normalised(User());
        for (var step = 0; step < Steps; step++)
        {
            var model = new Dictionary<string, JsonNode?>(generator.Expected);
            var operations = Enumerable.Range(0, generator.Next(5) + 1).Select(_ => generator.ValidUserOperation()).ToList();
            var where = $"seed {seed}, step {step}";
            var before = user.ToString();
            if (generator.Next(4) == 0)
            {
                var (bad, scimType) = generator.InvalidUserOperation();
                var at = generator.Next(operations.Count + 1);
                operations.Insert(at, bad);
                var error = Assert.Throws<ScimException>(() => engine.Apply(user, Request(operations)));

                Assert.True(error.ScimType.ToString() == scimType, $"{where}: expected {scimType}, got {error.ScimType}: {error.Detail} in {Body(operations)}");
                Assert.StartsWith($"Operation {at} (", error.Detail, StringComparison.Ordinal);
                Assert.Equal(before, user.ToString());
                generator.Expected.Clear();
                foreach (var (name, value) in model)
                {
                    generator.Expected[name] = value;
                }

                continue;
            }

            PatchResult result;
            try
            {
                result = engine.Apply(user, Request(operations));
            }
            catch (ScimException e)
            {
                throw new InvalidOperationException($"{where}: {e.Detail} in {Body(operations)} on {before}", e);
            }

            Assert.Equal(before, user.ToString());
            AssertValid(result, before, $"{where}: {Body(operations)}");
            foreach (var (name, value) in generator.Expected)
            {
                Assert.True(JsonNode.DeepEquals(value, result.Resource.Json[name]), $"{where}: {name} should be {value?.ToJsonString()} after {Body(operations)}");
            }

            user = result.Resource;
        }
    }

    private static void MemberSequence(int seed)
    {
        var generator = new RandomPatchGenerator(seed);
        var engine = new PatchEngine(Registry);
        var group = Group();
        var members = Ids(group);
        for (var step = 0; step < Steps; step++)
        {
            var operations = new List<string>();
            var model = new HashSet<string>(members, StringComparer.OrdinalIgnoreCase);
            for (var i = generator.Next(4); i >= 0; i--)
            {
                var (operation, apply) = generator.GroupOperation();
                operations.Add(operation);
                apply(model);
            }

            var request = Request(operations);
            var result = engine.Apply(group, request);
            var where = $"seed {seed}, step {step}: {Body(operations)}";

            Assert.True(model.SetEquals(Ids(result.Resource)), where);
            Assert.Equal(result.Resource.Json["members"] is JsonArray array ? array.Count : 0, Ids(result.Resource).Count);
            if (PatchEngine.TryGetMemberChanges(request, out var changes))
            {
                var pushedDown = new HashSet<string>(members, StringComparer.OrdinalIgnoreCase);
                pushedDown.UnionWith(changes.Added);
                pushedDown.ExceptWith(changes.Removed);
                Assert.True(pushedDown.SetEquals(model), $"push-down disagrees, {where}");
                Assert.True(members.SetEquals(model) || result.ChangedAttributes.Any(p => p.AttributeName == "members"), $"a change not reported, {where}");
            }

            AssertValid(result, group.ToString(), where);
            group = result.Resource;
            members = model;
        }
    }

    private static PatchRequest Request(List<string> operations) => PatchRequest.Parse(Body(operations));

    private static string Body(List<string> operations) => PatchTesting.Body("[" + string.Join(",", operations) + "]");

    private static HashSet<string> Ids(ScimResource group) =>
        group.Json["members"] is JsonArray members ? members.Select(m => m!["value"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase) : [];
}
