using System.Net.Http.Headers;
using System.Text;

namespace KeepnetHost.Tests.Hosting;

/// <summary>Talks to <c>/scim</c> as Entra ID does: POST and PATCH as <c>application/scim+json; charset=utf-8</c>, GET with no SCIM Accept header.</summary>
public sealed class ScimClient(HttpClient http)
{
    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<Reply> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<Reply> PatchAsync(string path, string json) => SendAsync(HttpMethod.Patch, path, json);

    public Task<Reply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    /// <summary>Sends a request; <paramref name="ifMatch"/> (an entity tag such as <c>W/"3"</c>) goes in the <c>If-Match</c> header.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, string? json = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/scim+json; charset=utf-8");
        }

        return await Reply.ReadAsync(await http.SendAsync(request));
    }
}
