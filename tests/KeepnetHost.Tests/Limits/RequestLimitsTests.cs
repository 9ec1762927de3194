using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KeepnetHost.Tests.Hosting;

namespace KeepnetHost.Tests.Limits;

/// <summary>
/// The limits a hostile client meets before any SCIM code runs, on the built host's real Kestrel (a test server enforces
/// none of them): oversized headers and request lines are refused, a filter over its limit is a SCIM 400, and the host
/// keeps serving afterwards.
/// </summary>
public sealed class RequestLimitsTests
{
    [Fact]
    public async Task OversizedHeaderRequestLineAndFilter_RefusedAndTheHostStillServes()
    {
        await using var host = await KeepnetProcess.StartAsync(await HostDatabase.SqliteAsync());
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", KeepnetFactory.AdminKey);
        var company = (await (await http.PostAsJsonAsync("api/companies", new { name = "Acme", licenseCount = 10 })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var setting = await (await http.PostAsJsonAsync($"api/companies/{company}/scim-settings", new { name = "Entra ID" })).Content.ReadFromJsonAsync<JsonObject>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", setting!["token"]!.GetValue<string>());

        // Kestrel's 32 KB of request headers: a 40 KB header is 431 before authentication or SCIM.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "scim/Users"))
        {
            request.Headers.Add("X-Filler", new string('a', 40_000));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }

        // Kestrel's 8 KB request line: a 9,000-character filter never reaches the parser.
        using (var response = await http.GetAsync($"scim/Users?filter={new string('a', 9_000)}"))
        {
            Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        }

        // Within the request line but over the filter's 4,096 characters: the SCIM error, not a parse of 5,000 characters.
        var filter = Uri.EscapeDataString($"userName eq \"{new string('a', 5_000)}\"");
        using (var response = await http.GetAsync($"scim/Users?filter={filter}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = await response.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("invalidFilter", error!["scimType"]!.GetValue<string>());
            Assert.Contains("4096", error["detail"]!.GetValue<string>().Replace(",", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }

        using (var response = await http.GetAsync("scim/Users?filter=" + Uri.EscapeDataString("userName eq \"nobody@example.com\"")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonObject>())!["totalResults"]!.GetValue<int>());
        }
    }
}
