namespace Scim.Core.Schema;

/// <summary>When an attribute is returned in a response (RFC 7643 §7, <c>returned</c>).</summary>
public enum Returned
{
    /// <summary><c>default</c>: returned unless excluded (the default).</summary>
    Default,

    /// <summary><c>always</c>: returned whatever <c>attributes</c> or <c>excludedAttributes</c> say (e.g. <c>id</c>).</summary>
    Always,

    /// <summary><c>never</c>: never returned (e.g. <c>password</c>).</summary>
    Never,

    /// <summary><c>request</c>: returned only when named in <c>attributes</c>.</summary>
    Request,
}
