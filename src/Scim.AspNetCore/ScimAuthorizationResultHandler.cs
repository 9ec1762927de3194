using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Scim.AspNetCore.Endpoints;
using Scim.Core.Errors;
using Scim.Core.Serialization;

namespace Scim.AspNetCore;

/// <summary>
/// Gives a SCIM endpoint that the host protects with <c>.RequireAuthorization()</c> a SCIM error body on 401 and 403
/// (RFC 7644 §3.12), after the authentication scheme has set its status and <c>WWW-Authenticate</c>. Every other
/// endpoint is handled as ASP.NET Core would.
/// </summary>
internal sealed class ScimAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var scimFailure = (authorizeResult.Challenged || authorizeResult.Forbidden)
            && context.GetEndpoint()?.Metadata.GetMetadata<ScimEndpointMetadata>() is not null;
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (!scimFailure || context.Response.HasStarted)
        {
            return;
        }

        var error = authorizeResult.Challenged
            ? new ScimError(StatusCodes.Status401Unauthorized, null, "Authentication is required: send the credentials this SCIM endpoint accepts, e.g. Authorization: Bearer <token>.")
            : new ScimError(StatusCodes.Status403Forbidden, null, "The caller is authenticated but not allowed to use this SCIM endpoint.");
        await ScimHttp.WriteJsonAsync(context, context.Response.StatusCode is 401 or 403 ? context.Response.StatusCode : error.Status, ErrorDocument.ToJson(error));
    }
}
