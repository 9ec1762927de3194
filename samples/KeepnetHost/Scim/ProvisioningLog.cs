using System.Text.Json.Nodes;
using KeepnetHost.Data;
using Scim.AspNetCore;
using Scim.Core.Errors;

namespace KeepnetHost.Scim;

/// <summary>
/// Records the outcome of every request under <c>/scim</c> for the provisioning log, per SCIM setting: time, method,
/// path, the resource a POST or PUT named, status, and for errors the SCIM body's <c>scimType</c> and <c>detail</c>.
/// </summary>
/// <remarks>
/// Requests without a valid token name no company (the token matches no setting), so they are kept in one host-wide
/// list with no setting. Never kept: the token, the request body (a user may carry a <c>password</c>), the response
/// body of a success. <see cref="ProvisioningLogBook"/> writes the entries after the request, apart from its
/// transaction, so a write the store rolled back is never saved with it, and a failure to log never fails the request.
/// </remarks>
public sealed class ProvisioningLog(RequestDelegate next, ProvisioningLogBook book)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        book.Record(Entry(context));
    }

    private static ProvisioningLogEntry Entry(HttpContext context)
    {
        var request = context.Request;
        var companyId = context.User.FindFirst(ScimCaller.CompanyClaim)?.Value;
        var path = request.Path.Value + Uri.UnescapeDataString(request.QueryString.Value ?? string.Empty);
        // What the endpoint read and answered, from the library, rather than the body buffered and the response captured
        // to be parsed again (that copy cost every request, successes included).
        var scim = context.Features.Get<ScimRequestFeature>();
        var names = HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method);
        var entry = new ProvisioningLogEntry
        {
            CompanyId = companyId,
            SettingId = companyId is null ? null : context.User.FindFirst(ScimCaller.SettingClaim)?.Value,
            Time = DateTime.UtcNow,
            Method = request.Method,
            Path = Cut(path, 512)!,
            Status = context.Response.StatusCode,
            Resource = names ? Cut(NameOf(scim?.Body), 256) : null,
        };
        if (entry.Status >= 400 && scim?.Error is { } error)
        {
            entry.ScimType = Cut(error.ScimType?.ToWireName(), 32);
            entry.Detail = Cut(error.Detail, 2048);
        }

        if (entry.Status == StatusCodes.Status401Unauthorized && companyId is null)
        {
            entry.Detail = request.Headers.Authorization.Count == 0
                ? "No bearer token was sent (Authorization: Bearer <the setting's Secret Token>)."
                : "The bearer token matches no SCIM setting: it was revoked or regenerated, or copied incompletely.";
        }

        return entry;
    }

    /// <summary>The <c>userName</c> or <c>displayName</c> of the resource a POST or PUT sent.</summary>
    private static string? NameOf(JsonObject? body) =>
        (body?["userName"] ?? body?["displayName"]) is JsonValue name && name.TryGetValue<string>(out var text) ? text : null;

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}
