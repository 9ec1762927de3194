using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scim.Core.Errors;
using Scim.Core.Schema;

namespace Scim.AspNetCore.Endpoints;

/// <summary><c>/Me</c> (RFC 7644 §3.11): the caller's own User, found by the host's <see cref="IScimMeResolver"/>.</summary>
internal sealed partial class ScimEndpoints
{
    private async Task MeAsync(HttpContext context, string baseUrl, Func<HttpContext, string, ResourceType, string, Task> handler)
    {
        var resolver = context.RequestServices.GetService<IScimMeResolver>()
            ?? throw NotImplemented("/Me is not supported: this server has no way to map the caller to a resource.");
        var type = _registry.FindResourceType("User")
            ?? throw NotImplemented("/Me is not supported: this server has no User resource type.");
        var id = await resolver.ResolveUserIdAsync(context, context.RequestAborted)
            ?? throw new ScimException(StatusCodes.Status404NotFound, null, "The authenticated caller has no User resource on this server.");

        // The response shows the User's own location (meta.location, Location), never /Me: that is the permanent URI.
        context.Response.Headers.ContentLocation = $"{baseUrl}{type.Endpoint}/{Uri.EscapeDataString(id)}";
        await handler(context, baseUrl, type, id);
    }
}
