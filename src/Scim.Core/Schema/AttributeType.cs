namespace Scim.Core.Schema;

/// <summary>The data types of RFC 7643 §2.3 (the <c>type</c> characteristic).</summary>
public enum AttributeType
{
    /// <summary><c>string</c>: a sequence of Unicode characters.</summary>
    String,

    /// <summary><c>boolean</c>: <c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary><c>decimal</c>: a real number with at least one digit on each side of the point.</summary>
    Decimal,

    /// <summary><c>integer</c>: a whole number, no fraction or exponent.</summary>
    Integer,

    /// <summary><c>dateTime</c>: an xsd:dateTime, e.g. <c>2008-01-23T04:56:22Z</c>.</summary>
    DateTime,

    /// <summary><c>binary</c>: base64-encoded bytes.</summary>
    Binary,

    /// <summary><c>reference</c>: a URI to a resource, an external page or a URI (see <see cref="SchemaAttribute.ReferenceTypes"/>).</summary>
    Reference,

    /// <summary><c>complex</c>: a set of sub-attributes.</summary>
    Complex,
}
