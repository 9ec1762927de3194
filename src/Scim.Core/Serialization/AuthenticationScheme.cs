namespace Scim.Core.Serialization;

/// <summary>An authentication scheme advertised in the service provider configuration (RFC 7643 §5).</summary>
/// <param name="Type">The scheme type, e.g. <c>oauthbearertoken</c>, <c>httpbasic</c>.</param>
/// <param name="Name">The common name, e.g. <c>OAuth Bearer Token</c>.</param>
/// <param name="Description">A description of the scheme.</param>
public sealed record AuthenticationScheme(string Type, string Name, string Description)
{
    /// <summary>The specification URI, e.g. <c>https://www.rfc-editor.org/info/rfc6750</c>.</summary>
    public Uri? SpecUri { get; init; }

    /// <summary>Where the scheme is documented for this service.</summary>
    public Uri? DocumentationUri { get; init; }

    /// <summary>Whether this is the preferred scheme.</summary>
    public bool Primary { get; init; }

    /// <summary>A bearer token (RFC 6750), the scheme Entra ID, Okta and others use.</summary>
    public static AuthenticationScheme BearerToken { get; } = new(
        "oauthbearertoken", "OAuth Bearer Token", "Authentication with a bearer token in the Authorization header.")
    {
        SpecUri = new Uri("https://www.rfc-editor.org/info/rfc6750"),
        Primary = true,
    };
}
