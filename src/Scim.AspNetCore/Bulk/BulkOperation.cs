using System.Text.Json.Nodes;
using Scim.Core.Errors;

namespace Scim.AspNetCore.Bulk;

/// <summary>One operation of a bulk request (RFC 7644 §3.7), as sent, with the <c>bulkId</c>s it refers to.</summary>
/// <param name="Index">Its 0-based position in the request.</param>
/// <param name="Method">POST, PUT, PATCH or DELETE, upper case.</param>
/// <param name="BulkId">The client's name for the resource a POST creates.</param>
/// <param name="Version">The version the client saw, checked as <c>If-Match</c>.</param>
/// <param name="Path">The path relative to the SCIM root, e.g. <c>/Users</c> or <c>/Groups/bulkId:qwerty</c>.</param>
/// <param name="Data">The body: a resource for POST and PUT, a PatchOp for PATCH.</param>
/// <param name="References">Every <c>bulkId</c> that <paramref name="Path"/> and <paramref name="Data"/> refer to (<c>"bulkId:&lt;id&gt;"</c>).</param>
/// <param name="Problem">Why the operation cannot run at all (no method, no path, ...), found when the request was read.</param>
internal sealed record BulkOperation(
    int Index, string Method, string? BulkId, string? Version, string Path, JsonObject? Data, IReadOnlySet<string> References, ScimError? Problem);
