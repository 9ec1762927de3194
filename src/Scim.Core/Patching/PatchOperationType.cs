namespace Scim.Core.Patching;

/// <summary>The <c>op</c> of a PATCH operation (RFC 7644 §3.5.2); the wire names compare case-insensitively.</summary>
public enum PatchOperationType
{
    /// <summary><c>add</c> (§3.5.2.1): adds values; on a single-valued attribute it replaces the value.</summary>
    Add,

    /// <summary><c>replace</c> (§3.5.2.3): replaces values; an unassigned target is added.</summary>
    Replace,

    /// <summary><c>remove</c> (§3.5.2.2): removes the target, which must be named by a path.</summary>
    Remove,
}
