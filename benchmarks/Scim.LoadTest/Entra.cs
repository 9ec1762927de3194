using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Scim.LoadTest;

/// <summary>
/// HTTP as Entra ID sends it (bodies from /work/shared/reference/entra-provisioning.md), timed into a <see cref="Recorder"/>;
/// every request of the run can be cancelled by the run's token.
/// </summary>
public sealed class Entra(HttpClient http, CancellationToken cancellationToken)
{
    public const string CoreUser = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static readonly MediaTypeHeaderValue ScimJson = MediaTypeHeaderValue.Parse("application/scim+json; charset=utf-8");

    public HttpClient Http => http;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Sends, reads the whole answer, records the latency under <paramref name="kind"/>, and an error when the status is not <paramref name="expected"/>.</summary>
    public async Task<JsonNode?> SendAsync(Recorder recorder, string kind, HttpMethod method, string path, string? token, string? json, HttpStatusCode expected,
        string? apiKey = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = apiKey is null ? ScimJson : new MediaTypeHeaderValue("application/json");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            recorder.Add(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode != expected)
            {
                recorder.Error($"{method} {path}: {(int)response.StatusCode} (expected {(int)expected}) {Truncate(text)}");
                return null;
            }

            return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text);
        }
        catch (HttpRequestException e)
        {
            recorder.Add(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            recorder.Error($"{method} {path}: {e.Message}");
            return null;
        }
    }

    /// <summary>Entra's matching query, as it puts it in the query string (<c>+</c> for spaces, <c>%22</c> for quotes).</summary>
    public static string Filter(string filter) => "filter=" + Uri.EscapeDataString(filter).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>Entra's Create User body ([T] "Create User") with the default mappings this run uses.</summary>
    public static string CreateUser(LoadUser user) => new JsonObject
    {
        ["schemas"] = new JsonArray(CoreUser, EnterpriseUser),
        ["externalId"] = user.ExternalId,
        ["userName"] = user.UserName,
        ["active"] = true,
        ["displayName"] = $"User {user.Index}",
        ["emails"] = new JsonArray(new JsonObject { ["primary"] = true, ["type"] = "work", ["value"] = user.UserName }),
        ["meta"] = new JsonObject { ["resourceType"] = "User" },
        ["name"] = new JsonObject { ["formatted"] = $"Load User{user.Index}", ["familyName"] = $"User{user.Index}", ["givenName"] = "Load" },
        ["timezone"] = user.Country,
        ["addresses"] = new JsonArray(new JsonObject { ["type"] = "work", ["country"] = user.Country, ["primary"] = true }),
        [EnterpriseUser] = new JsonObject { ["department"] = "Sales", ["employeeNumber"] = user.Index.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["roles"] = new JsonArray(),
    }.ToJsonString();

    /// <summary>Entra's Create Group body ([T] "Create Group"): no members.</summary>
    public static string CreateGroup(string displayName) => new JsonObject
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Group", "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"),
        ["externalId"] = Guid.NewGuid().ToString(),
        ["displayName"] = displayName,
        ["meta"] = new JsonObject { ["resourceType"] = "Group" },
    }.ToJsonString();

    /// <summary>Entra's Add / Remove Members: <c>{"op":"Add","path":"members","value":[{"$ref":null,"value":"id"}, ...]}</c>.</summary>
    public static string Members(string op, IEnumerable<string> userIds) => Patch(new JsonObject
    {
        ["op"] = op,
        ["path"] = "members",
        ["value"] = new JsonArray([.. userIds.Select(id => (JsonNode)new JsonObject { ["$ref"] = null, ["value"] = id })]),
    });

    /// <summary>Entra's default-mode user update: one <c>Replace</c> per attribute (a value-filter path among them), an <c>Add</c> on the enterprise extension.</summary>
    public static string ChangeUser(LoadUser user) => Patch(
        new JsonObject { ["op"] = "Replace", ["path"] = "emails[type eq \"work\"].value", ["value"] = user.Email },
        new JsonObject { ["op"] = "Replace", ["path"] = "name.familyName", ["value"] = $"Changed{user.Index}" },
        new JsonObject { ["op"] = "Replace", ["path"] = "timezone", ["value"] = user.Country },
        new JsonObject { ["op"] = "Add", ["path"] = EnterpriseUser + ":department", ["value"] = "Marketing" });

    /// <summary>Entra's default-mode disable: <c>active</c> as the string "False".</summary>
    public static string Disable() => Patch(new JsonObject { ["op"] = "Replace", ["path"] = "active", ["value"] = "False" });

    // Operations before schemas, as Entra orders them.
    private static string Patch(params JsonObject[] operations) =>
        new JsonObject { ["Operations"] = new JsonArray([.. operations]), ["schemas"] = new JsonArray(PatchOp) }.ToJsonString();

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
