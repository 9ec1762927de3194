using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Scim.Core.Errors;

namespace Scim.AspNetCore;

/// <summary>
/// What the SCIM endpoints learned about a request, for the host's middleware to read once they are done (an audit or
/// provisioning log, metrics): <c>context.Features.Get&lt;ScimRequestFeature&gt;()</c>. It is there only if an endpoint
/// read a body or answered with an error.
/// </summary>
/// <remarks>
/// It spares such middleware from buffering the request and capturing the response to parse both again. A host that
/// writes SCIM errors of its own outside the endpoints (a rate limiter's 429) can record them with <see cref="Record"/>.
/// </remarks>
public sealed class ScimRequestFeature
{
    /// <summary>
    /// The JSON body the endpoint read (POST, PUT, PATCH, bulk, <c>.search</c>), as it parsed it; <see langword="null"/>
    /// when it read none or the body was not a JSON object. The endpoint works on this object: read it, do not change it.
    /// </summary>
    public JsonObject? Body { get; private set; }

    /// <summary>The SCIM error the response carries; <see langword="null"/> when there was none.</summary>
    public ScimError? Error { get; private set; }

    /// <summary>The request's feature, added to it if it has none yet.</summary>
    /// <param name="context">The request.</param>
    public static ScimRequestFeature Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<ScimRequestFeature>() is { } feature)
        {
            return feature;
        }

        feature = new ScimRequestFeature();
        context.Features.Set(feature);
        return feature;
    }

    /// <summary>Records the SCIM error the response is about to carry.</summary>
    /// <param name="context">The request.</param>
    /// <param name="error">The error written as the response.</param>
    public static void Record(HttpContext context, ScimError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Of(context).Error = error;
    }

    /// <summary>Records the body an endpoint read.</summary>
    internal static void RecordBody(HttpContext context, JsonObject body) => Of(context).Body = body;
}
