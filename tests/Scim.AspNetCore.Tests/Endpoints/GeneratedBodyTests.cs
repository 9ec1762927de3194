using System.Text.Json.Nodes;
using Scim.Testing;
using Xunit.Abstractions;

namespace Scim.AspNetCore.Tests.Endpoints;

/// <summary>
/// Valid request bodies and query parameters broken at random (structurally and as text, <see cref="Mutations"/>), and
/// deeply nested bodies, sent through the real pipeline to every endpoint that reads them: each answer is a success or a
/// 4xx SCIM error with a detail (and a scimType on a 400), never a 500, and a write that fails leaves the store as it was.
/// </summary>
[Trait("Category", "Generated")]
public sealed class GeneratedBodyTests(ITestOutputHelper output)
{
    private const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    private const string GroupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static readonly string[] UserOperations =
    [
        """{"op":"replace","path":"displayName","value":"Babs"}""",
        """{"op":"add","path":"emails","value":[{"value":"b@example.com","type":"home","primary":true}]}""",
        """{"op":"Add","path":"emails[type eq \"work\"].value","value":"w@example.com"}""",
        """{"op":"remove","path":"phoneNumbers[type eq \"mobile\"]"}""",
        """{"op":"replace","path":"name","value":{"givenName":"Barbara","familyName":"Jensen"}}""",
        """{"op":"Add","path":"addresses[type eq \"work\"].country","value":"NL"}""",
        """{"op":"replace","value":{"active":false,"title":"Guide"}}""",
        $$"""{"op":"add","path":"{{Enterprise}}:department","value":"Sales"}""",
        $$"""{"op":"remove","path":"{{Enterprise}}:manager"}""",
        """{"op":"replace","path":"active","value":"True"}""",
    ];

    [Fact]
    public async Task Write_MutatedBodies_AreSuccessesOrScimErrorsAndFailuresChangeNothing()
    {
        await using var host = await ScimTestHost.StartAsync();
        var statuses = new SortedDictionary<int, int>();
        await GeneratedCases.RunAsync(output, 300, async seed =>
        {
            var random = new Random(seed);
            var userId = (await host.PostAsync("Users", User($"user-{seed}"))).Body!["id"]!.GetValue<string>();
            var groupId = (await host.PostAsync("Groups", Group($"group-{seed}", userId))).Body!["id"]!.GetValue<string>();
            var (method, path, valid) = random.Next(8) switch
            {
                0 => (HttpMethod.Post, "Users", User($"new-{seed}")),
                1 => (HttpMethod.Put, $"Users/{userId}", User($"user-{seed}")),
                2 or 3 => (HttpMethod.Patch, $"Users/{userId}", Patch(random, UserOperations)),
                4 => (HttpMethod.Post, "Groups", Group($"new-{seed}", userId)),
                5 => (HttpMethod.Patch, $"Groups/{groupId}", Patch(random,
                    $$"""{"op":"add","path":"members","value":[{"value":"{{userId}}"}]}""",
                    $$"""{"op":"remove","path":"members[value eq \"{{userId}}\"]"}""",
                    """{"op":"replace","path":"displayName","value":"Guides"}""")),
                6 => (HttpMethod.Post, "Bulk", Bulk(userId, seed)),
                _ => (HttpMethod.Post, "Users/.search",
                    """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"emails[type eq \"work\"] and not (active eq false)","attributes":["userName"],"startIndex":1,"count":5}"""),
            };
            var body = Mutate(valid, random);
            var before = await SnapshotAsync(host, userId, groupId);

            var response = await host.SendAsync(method, path, body);

            var where = $"{method} {path} {body}\n-> {response.Status} {response.Body?.ToJsonString()}";
            statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
            if (response.Status >= 400)
            {
                AssertScimError(response.Status, response.Body, where);
                Assert.True(before == await SnapshotAsync(host, userId, groupId), $"a failed write changed the store: {where}");
            }
            else if (path == "Bulk")
            {
                foreach (var result in response.Body!["Operations"]!.AsArray())
                {
                    var status = int.Parse(result!["status"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                    if (status >= 400)
                    {
                        AssertScimError(status, result["response"]?.AsObject(), where);
                    }
                }
            }

            await DeleteAllAsync(host);
        });

        output.WriteLine("statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(statuses.Keys.Any(s => s < 300) && statuses.Keys.Any(s => s >= 400), "the mutations should give both successes and errors");
    }

    [Fact]
    public async Task Query_MutatedFiltersAndPaths_AreSuccessesOrScimErrors()
    {
        string[] filters =
        [
            "userName eq \"bjensen\" and (emails[type eq \"work\" and value co \"@example.com\"] or not (active eq false))",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr or meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            "members[value eq \"x\"] and displayName sw \"Tour\"",
        ];
        string[] paths = ["emails[type eq \"work\"].value", "name.familyName", "urn:ietf:params:scim:schemas:core:2.0:User:userName", "meta.created"];
        await using var host = await ScimTestHost.StartAsync();
        await host.PostAsync("Users", User("bjensen"));
        var statuses = new SortedDictionary<int, int>();
        await GeneratedCases.RunAsync(output, 300, async seed =>
        {
            var random = new Random(seed);
            var broken = random.Next(4);
            var query = string.Join("&", new[] { ("filter", filters), ("sortBy", paths), ("attributes", paths), ("excludedAttributes", paths) }
                .Select((parameter, i) =>
                {
                    var value = parameter.Item2[random.Next(parameter.Item2.Length)];
                    return $"{parameter.Item1}={Uri.EscapeDataString(i == broken ? Mutations.Text(value, random, Mutations.FilterAlphabet) : value)}";
                })
                .Where(_ => random.Next(3) != 0));

            var response = await host.GetAsync((random.Next(2) == 0 ? "Users?" : "Groups?") + query);

            statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
            if (response.Status != 200)
            {
                AssertScimError(response.Status, response.Body, $"GET ?{Uri.UnescapeDataString(query)}\n-> {response.Status} {response.Body?.ToJsonString()}");
            }
        });

        output.WriteLine("statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(statuses.ContainsKey(200) && statuses.ContainsKey(400), "the mutations should give both successes and errors");
    }

    public static TheoryData<string, string> DeepBodies() => new()
    {
        { "POST Users", "arrays" }, { "POST Users", "objects" }, { "POST Users", "unclosed" },
        { "PUT Users/{id}", "arrays" }, { "PUT Users/{id}", "objects" }, { "PUT Users/{id}", "unclosed" },
        { "PATCH Users/{id}", "arrays" }, { "PATCH Users/{id}", "objects" }, { "PATCH Users/{id}", "unclosed" },
        { "POST Bulk", "arrays" }, { "POST Bulk", "objects" }, { "POST Bulk", "unclosed" },
        { "POST Users/.search", "arrays" }, { "POST Users/.search", "objects" }, { "POST Users/.search", "unclosed" },
    };

    [Theory]
    [MemberData(nameof(DeepBodies))]
    public async Task Write_TenThousandLevelsOfJsonNesting_Is400InvalidSyntaxAndWritesNothing(string endpoint, string shape)
    {
        var nested = shape switch
        {
            "arrays" => new string('[', 10_000) + new string(']', 10_000),
            "objects" => string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000),
            _ => new string('[', 10_000),
        };
        var template = endpoint switch
        {
            "POST Users" => $$"""{"schemas":["{{UserSchema}}"],"userName":"deep","name":%}""",
            "PUT Users/{id}" => $$"""{"schemas":["{{UserSchema}}"],"userName":"deep","emails":%}""",
            "PATCH Users/{id}" => """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"title","value":%}]}""",
            "POST Bulk" => """{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[{"method":"POST","path":"/Users","data":%}]}""",
            _ => """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":%}""",
        };
        await using var host = await ScimTestHost.StartAsync();
        var userId = (await host.PostAsync("Users", User("someone"))).Body!["id"]!.GetValue<string>();
        var before = await SnapshotAsync(host, userId, null);
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1].Replace("{id}", userId, StringComparison.Ordinal));

        var response = await host.SendAsync(new HttpMethod(method), path, template.Replace("%", nested, StringComparison.Ordinal));

        response.AssertError(400, "invalidSyntax");
        Assert.Contains("not valid JSON", response.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(host, userId, null));
    }

    private static string User(string userName) => $$"""
        {"schemas":["{{UserSchema}}","{{Enterprise}}"],"userName":"{{userName}}","displayName":"Babs Jensen","active":true,
         "name":{"givenName":"Barbara","familyName":"Jensen"},
         "emails":[{"value":"bjensen@example.com","type":"work","primary":true},{"value":"babs@jensen.org","type":"home"}],
         "phoneNumbers":[{"value":"555-555-4444","type":"mobile"}],
         "addresses":[{"locality":"Hollywood","type":"home"}],
         "{{Enterprise}}":{"employeeNumber":"701984","manager":{"value":"26118915"} } }
        """;

    private static string Group(string displayName, string member) =>
        $$$"""{"schemas":["{{{GroupSchema}}}"],"displayName":"{{{displayName}}}","members":[{"value":"{{{member}}}","type":"User"}]}""";

    private static string Patch(Random random, params string[] operations) =>
        $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{{string.Join(",",
            Enumerable.Range(0, random.Next(1, 4)).Select(_ => operations[random.Next(operations.Length)]))}}]}""";

    private static string Bulk(string userId, int seed) => $$"""
        {"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"failOnErrors":2,"Operations":[
         {"method":"POST","path":"/Users","bulkId":"b1","data":{{User($"bulk-{seed}")}}},
         {"method":"PATCH","path":"/Users/{{userId}}","data":{{Patch(new Random(seed), UserOperations)}}},
         {"method":"POST","path":"/Groups","bulkId":"g1","data":{"schemas":["{{GroupSchema}}"],"displayName":"bulk-{{seed}}","members":[{"value":"bulkId:b1"}] } },
         {"method":"DELETE","path":"/Users/{{userId}}"}]}
        """;

    /// <summary>Mostly a structural edit of the tree; one time in four, an edit or a cut of the text.</summary>
    private static string Mutate(string valid, Random random)
    {
        if (random.Next(4) == 0)
        {
            return Mutations.Text(valid, random, Mutations.JsonAlphabet);
        }

        var body = JsonNode.Parse(valid)!;
        var operations = body["Operations"] as JsonArray;
        Mutations.Json(operations is { Count: > 0 } && random.Next(4) != 0 ? operations[random.Next(operations.Count)]! : body, random);
        return body.ToJsonString();
    }

    private static void AssertScimError(int status, JsonObject? body, string where)
    {
        Assert.True(status is >= 400 and < 500, $"not a 4xx: {where}");
        Assert.True(body is not null, $"no error body: {where}");
        Assert.True("urn:ietf:params:scim:api:messages:2.0:Error" == body["schemas"]?[0]?.GetValue<string>(), $"not a SCIM error: {where}");
        Assert.True(status.ToString(System.Globalization.CultureInfo.InvariantCulture) == body["status"]?.GetValue<string>(), $"status differs: {where}");
        Assert.False(string.IsNullOrWhiteSpace(body["detail"]?.GetValue<string>()), $"no detail: {where}");
        Assert.True(status != 400 || body["scimType"] is not null, $"a 400 without scimType: {where}");
    }

    /// <summary>What a failed write must not change: the two resources and how many users and groups there are.</summary>
    private static async Task<string> SnapshotAsync(ScimTestHost host, string userId, string? groupId)
    {
        var parts = new List<string?>
        {
            (await host.GetAsync($"Users/{userId}")).Body?.ToJsonString(),
            (await host.GetAsync("Users?count=0")).Body!["totalResults"]!.ToJsonString(),
            (await host.GetAsync("Groups?count=0")).Body!["totalResults"]!.ToJsonString(),
        };
        if (groupId is not null)
        {
            parts.Add((await host.GetAsync($"Groups/{groupId}")).Body?.ToJsonString());
        }

        return string.Join("\n", parts);
    }

    private static async Task DeleteAllAsync(ScimTestHost host)
    {
        foreach (var type in new[] { "Users", "Groups" })
        {
            foreach (var resource in (await host.GetAsync($"{type}?count=1000&attributes=id")).Body!["Resources"]?.AsArray() ?? [])
            {
                await host.SendAsync(HttpMethod.Delete, $"{type}/{resource!["id"]!.GetValue<string>()}");
            }
        }
    }
}
