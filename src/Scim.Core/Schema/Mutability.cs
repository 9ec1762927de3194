namespace Scim.Core.Schema;

/// <summary>Whether and how an attribute can be modified (RFC 7643 §7, <c>mutability</c>).</summary>
public enum Mutability
{
    /// <summary><c>readWrite</c>: may be updated and read (the default).</summary>
    ReadWrite,

    /// <summary><c>readOnly</c>: set by the service provider; client values are ignored.</summary>
    ReadOnly,

    /// <summary><c>immutable</c>: may be set once (at creation or when unassigned) and never changed.</summary>
    Immutable,

    /// <summary><c>writeOnly</c>: may be written but is never returned (e.g. <c>password</c>).</summary>
    WriteOnly,
}
