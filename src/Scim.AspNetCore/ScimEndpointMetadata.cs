namespace Scim.AspNetCore;

/// <summary>Marks the endpoints <c>MapScim</c> maps, so that authorization failures on them get SCIM error bodies.</summary>
internal sealed class ScimEndpointMetadata
{
    public static ScimEndpointMetadata Instance { get; } = new();
}
