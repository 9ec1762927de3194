using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace KeepnetHost.Tests.Hosting;

/// <summary>The admin API (<c>/api</c>, header <c>X-Api-Key</c>) and the few calls every scenario needs.</summary>
public sealed class AdminClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        return await Reply.ReadAsync(await http.SendAsync(request));
    }

    public async Task<string> CreateCompanyAsync(string name = "Acme", int licenseCount = 100, string? licensePolicy = null) =>
        (await SendAsync(HttpMethod.Post, "/api/companies", new { name, licenseCount, licensePolicy })).Expect(HttpStatusCode.Created)["id"]!.GetValue<string>();

    public async Task CreateCustomFieldAsync(string companyId, string name) =>
        (await SendAsync(HttpMethod.Post, $"/api/companies/{companyId}/custom-fields", new { name })).Expect(HttpStatusCode.Created);

    /// <summary>Creates a SCIM setting; returns its id and its token (shown this once).</summary>
    public async Task<(string Id, string Token)> CreateSettingAsync(string companyId, object setting)
    {
        var body = (await SendAsync(HttpMethod.Post, $"/api/companies/{companyId}/scim-settings", setting)).Expect(HttpStatusCode.Created);
        return (body["id"]!.GetValue<string>(), body["token"]!.GetValue<string>());
    }

    public async Task<JsonObject> CompanyAsync(string companyId) =>
        (await SendAsync(HttpMethod.Get, $"/api/companies/{companyId}")).Expect(HttpStatusCode.OK).AsObject();

    public async Task<JsonArray> TargetUsersAsync(string companyId) =>
        (await SendAsync(HttpMethod.Get, $"/api/companies/{companyId}/target-users")).Expect(HttpStatusCode.OK).AsArray();

    /// <summary>The target user with this SCIM id.</summary>
    public async Task<JsonObject> TargetUserAsync(string companyId, string id) =>
        (await TargetUsersAsync(companyId)).Single(u => u!["id"]!.GetValue<string>() == id)!.AsObject();

    public async Task<JsonArray> GroupsAsync(string companyId) =>
        (await SendAsync(HttpMethod.Get, $"/api/companies/{companyId}/groups")).Expect(HttpStatusCode.OK).AsArray();
}
