using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Scim.AspNetCore.Endpoints;
using Scim.Core.Errors;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The simplest authentication an identity provider's SCIM client uses: one long-lived bearer token.</summary>
public static class ScimBearerTokenExtensions
{
    /// <summary>
    /// Requires <c>Authorization: Bearer &lt;token&gt;</c> with exactly <paramref name="token"/> on every endpoint of the
    /// group (Microsoft Entra ID's "Secret Token"); anything else is 401 with a SCIM error body and
    /// <c>WWW-Authenticate: Bearer</c>. The token is compared in constant time.
    /// </summary>
    /// <remarks>
    /// For more than one token or tenant, or an Entra-issued JWT, use ASP.NET Core authentication and
    /// <c>.RequireAuthorization()</c> instead; the store sees the principal either way.
    /// </remarks>
    /// <typeparam name="TBuilder">The endpoint builder, e.g. the group <c>MapScim</c> returns.</typeparam>
    /// <param name="builder">The endpoints to protect.</param>
    /// <param name="token">The token, typically <c>app.Configuration["Scim:BearerToken"]</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="token"/> is missing or blank, so the host does not start unprotected.</exception>
    public static TBuilder RequireScimBearerToken<TBuilder>(this TBuilder builder, string? token)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException(
                "No SCIM bearer token is configured: set Scim:BearerToken (e.g. the environment variable Scim__BearerToken).", nameof(token));
        }

        // Hashing first makes the comparison constant-time in the length of the token too.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));
        builder.Add(endpoint =>
        {
            var next = endpoint.RequestDelegate
                ?? throw new InvalidOperationException($"The endpoint '{endpoint.DisplayName}' has no request delegate to protect.");
            endpoint.RequestDelegate = context => IsAuthorized(context.Request, expected) ? next(context) : ChallengeAsync(context);
        });
        return builder;
    }

    private static bool IsAuthorized(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString().AsSpan().Trim();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim().ToString()));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    private static Task ChallengeAsync(HttpContext context) =>
        ScimHttp.WriteErrorAsync(
            context,
            new ScimError(StatusCodes.Status401Unauthorized, null, "A valid bearer token is required."),
            headers => headers.WWWAuthenticate = "Bearer");
}
