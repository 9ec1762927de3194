namespace Scim.Core.Schema;

/// <summary>How unique an attribute's value must be (RFC 7643 §7, <c>uniqueness</c>).</summary>
public enum Uniqueness
{
    /// <summary><c>none</c>: no uniqueness required (the default).</summary>
    None,

    /// <summary><c>server</c>: unique within the service provider (per tenant).</summary>
    Server,

    /// <summary><c>global</c>: globally unique.</summary>
    Global,
}
