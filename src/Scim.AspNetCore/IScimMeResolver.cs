using Microsoft.AspNetCore.Http;

namespace Scim.AspNetCore;

/// <summary>
/// Maps the authenticated caller to their own User resource, which makes <c>/Me</c> (RFC 7644 §3.11) an alias of
/// <c>/Users/{id}</c> for GET, PUT, PATCH and DELETE. Register one with <c>AddScim().AddMeResolver(...)</c>; without
/// one, <c>/Me</c> answers 501.
/// </summary>
public interface IScimMeResolver
{
    /// <summary>Finds the id of the caller's User resource.</summary>
    /// <param name="context">The request, whose <see cref="HttpContext.User"/> the host authenticated.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted.</param>
    /// <returns>The User's id, or <see langword="null"/> when the caller has none (then <c>/Me</c> is 404).</returns>
    ValueTask<string?> ResolveUserIdAsync(HttpContext context, CancellationToken cancellationToken);
}
