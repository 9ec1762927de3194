using Scim.AspNetCore;
using Scim.Core.Errors;
using Scim.Core.Serialization;

namespace KeepnetHost.Scim;

/// <summary>Writes a SCIM error with <c>Retry-After</c> from outside the SCIM endpoints (the rate limiter, an outage met before them).</summary>
internal static class ScimErrorResponse
{
    public static Task WriteAsync(HttpResponse response, ScimError error, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        response.Clear();
        ScimRequestFeature.Record(response.HttpContext, error);
        response.StatusCode = error.Status;
        response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds(retryAfter);
        response.ContentType = ScimJson.MediaType;
        return response.WriteAsync(ErrorDocument.ToJson(error).ToJsonString(), cancellationToken);
    }
}
