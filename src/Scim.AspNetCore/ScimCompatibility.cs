namespace Scim.AspNetCore;

/// <summary>
/// Which request shapes the SCIM endpoints accept beyond RFC 7643 and RFC 7644; set with
/// <see cref="ScimOptions.Compatibility"/>. docs/compatibility.md lists each leniency with the client that needs it and
/// the RFC rule it relaxes.
/// </summary>
public enum ScimCompatibility
{
    /// <summary>
    /// Every client leniency on (the default): what Microsoft Entra ID, Okta, OneLogin and JumpCloud send is accepted
    /// without per-client settings.
    /// </summary>
    Clients,

    /// <summary>Every client leniency off: each shape the RFCs do not allow is the RFC's error.</summary>
    Strict,
}
