namespace Scim.AspNetCore;

/// <summary>What a successful PATCH answers (RFC 7644 §3.5.2 allows either).</summary>
public enum PatchResponse
{
    /// <summary>200 with the resource, shaped by the <c>attributes</c> and <c>excludedAttributes</c> parameters.</summary>
    Resource,

    /// <summary>204 with no body, and the new version in <c>ETag</c>.</summary>
    NoContent,
}
