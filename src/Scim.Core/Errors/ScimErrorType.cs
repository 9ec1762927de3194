namespace Scim.Core.Errors;

/// <summary>
/// The <c>scimType</c> values of RFC 7644 §3.12 (and RFC 9865 for cursors): the machine-readable reason
/// a request failed with status 400 or 409.
/// </summary>
public enum ScimErrorType
{
    /// <summary><c>invalidFilter</c>: the filter syntax was invalid or the filter cannot be applied.</summary>
    InvalidFilter,

    /// <summary><c>tooMany</c>: the filter yields more results than the server is willing to return.</summary>
    TooMany,

    /// <summary><c>uniqueness</c>: one or more unique attribute values are already in use.</summary>
    Uniqueness,

    /// <summary><c>mutability</c>: the request tried to change an immutable or read-only attribute.</summary>
    Mutability,

    /// <summary><c>invalidSyntax</c>: the request body was not parsable or violated the schema.</summary>
    InvalidSyntax,

    /// <summary><c>invalidPath</c>: the PATCH <c>path</c> was invalid or not supported.</summary>
    InvalidPath,

    /// <summary><c>noTarget</c>: the PATCH <c>path</c> did not yield an attribute or value to operate on.</summary>
    NoTarget,

    /// <summary><c>invalidValue</c>: a required value was missing or a value was incompatible.</summary>
    InvalidValue,

    /// <summary><c>invalidVers</c>: the specified SCIM protocol version is not supported.</summary>
    InvalidVers,

    /// <summary><c>sensitive</c>: the request cannot be completed because of sensitive information in the URI.</summary>
    Sensitive,

    /// <summary><c>invalidCursor</c> (RFC 9865): the cursor is unknown or malformed.</summary>
    InvalidCursor,

    /// <summary><c>expiredCursor</c> (RFC 9865): the cursor has expired.</summary>
    ExpiredCursor,

    /// <summary><c>invalidCount</c> (RFC 9865): <c>count</c> is out of range, or differs from the first page's.</summary>
    InvalidCount,
}
