namespace Scim.Core.Changes;

/// <summary>What a committed write did to a resource.</summary>
public enum ResourceChangeKind
{
    /// <summary>The resource was created (POST, or a bulk POST).</summary>
    Created,

    /// <summary>The resource was replaced as a whole (PUT).</summary>
    Replaced,

    /// <summary>The resource was modified by a PATCH that changed it; a PATCH that changes nothing is not reported.</summary>
    Patched,

    /// <summary>The resource was deleted.</summary>
    Deleted,
}
