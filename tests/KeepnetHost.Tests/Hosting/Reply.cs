using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace KeepnetHost.Tests.Hosting;

/// <summary>An HTTP answer: status, parsed JSON body (if any) and headers.</summary>
public sealed record Reply(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers, string? ContentType)
{
    public static async Task<Reply> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return new Reply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers,
                response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>The body, after asserting the status.</summary>
    public JsonNode Expect(HttpStatusCode status)
    {
        Assert.True(Status == status, $"Expected {(int)status}, got {(int)Status}: {Body?.ToJsonString()}");
        return Body ?? new JsonObject();
    }

    /// <summary>Asserts a SCIM error body (RFC 7644 §3.12) with this status, and returns its detail.</summary>
    public string ExpectScimError(HttpStatusCode status, string? scimType = null)
    {
        var body = Expect(status);
        Assert.Equal("application/scim+json", ContentType);
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", body["schemas"]![0]!.GetValue<string>());
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), body["status"]!.GetValue<string>());
        if (scimType is not null)
        {
            Assert.Equal(scimType, body["scimType"]?.GetValue<string>());
        }

        return body["detail"]?.GetValue<string>() ?? string.Empty;
    }
}
