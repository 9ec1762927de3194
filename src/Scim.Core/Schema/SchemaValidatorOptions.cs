using System.Collections.Immutable;

namespace Scim.Core.Schema;

/// <summary>
/// Policies, limits and client-compatibility switches of a <see cref="SchemaValidator"/>. The defaults are safe for a
/// public endpoint and accept what Microsoft Entra ID, Okta, OneLogin and JumpCloud send; <see cref="Strict"/> turns
/// every compatibility switch off for the literal RFC 7643 behaviour (docs/compatibility.md lists them).
/// </summary>
public sealed record SchemaValidatorOptions
{
    /// <summary>The schema URN Microsoft Entra ID puts in <c>schemas</c> when it creates a group.</summary>
    public const string EntraGroupSchemaUrn = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

    /// <summary>The defaults.</summary>
    public static SchemaValidatorOptions Default { get; } = new();

    /// <summary>
    /// The default limits with every compatibility switch off: no coercion, no reshaping, unknown attributes refused and
    /// no ignored schema URNs.
    /// </summary>
    public static SchemaValidatorOptions Strict { get; } = Default.AsStrict();

    /// <summary>
    /// The strings <c>"True"</c> and <c>"False"</c> (any case) are booleans for boolean attributes: Entra ID's default
    /// mode and OneLogin's template send <c>"active":"true"</c>. Off, they are 400 <c>invalidValue</c> (RFC 7643 §2.3.2:
    /// a boolean is the JSON literal).
    /// </summary>
    public bool CoerceStringBooleans { get; init; } = true;

    /// <summary>
    /// Numbers written as strings are accepted for integer and decimal attributes, and numbers and booleans for string
    /// attributes are taken as their JSON text (Okta sends numbers for custom string attributes it maps from numeric
    /// profile fields). Off, each is 400 <c>invalidValue</c> (RFC 7643 §2.3: a value has its attribute's JSON type).
    /// </summary>
    public bool CoerceScalarTypes { get; init; } = true;

    /// <summary>
    /// A single value where an array is expected is a one-element array (OneLogin sends <c>emails</c> as one object),
    /// and a one-element array where a single value is expected is that value (Entra ID's legacy <c>manager</c> shape).
    /// Off, either is 400 <c>invalidValue</c> (RFC 7643 §2.4: a multi-valued attribute is a JSON array).
    /// </summary>
    public bool LenientArrays { get; init; } = true;

    /// <summary>
    /// A plain value for a complex attribute that has a <c>value</c> sub-attribute is <c>{"value": ...}</c>: Entra ID sends
    /// the enterprise <c>manager</c> as the manager's id string. Off, it is 400 <c>invalidValue</c> (RFC 7643 §2.3.8: a
    /// complex attribute's value is an object).
    /// </summary>
    public bool WrapPlainValues { get; init; } = true;

    /// <summary>
    /// In the enterprise <c>manager</c>, a <c>managerId</c> sub-attribute is read as <c>value</c>: OneLogin's SCIM JSON
    /// template sends <c>{"managerId":"…","displayName":"…"}</c>. A <c>managerId</c> that is not a string, or that
    /// disagrees with a <c>value</c> sent beside it, is 400 <c>invalidValue</c>. Off, <c>managerId</c> is an unknown
    /// sub-attribute and follows <see cref="UnknownAttributes"/> (RFC 7643 §4.3 names the manager's id <c>value</c>).
    /// </summary>
    public bool ManagerIdAsValue { get; init; } = true;

    /// <summary>What to do with attributes no schema of the resource type defines; <see cref="UnknownAttributePolicy.Ignore"/> by default.</summary>
    public UnknownAttributePolicy UnknownAttributes { get; init; } = UnknownAttributePolicy.Ignore;

    /// <summary>The longest string value accepted, in UTF-16 characters (strings, references, dateTimes and base64 binaries); 65,536 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxStringLength
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 65_536;

    /// <summary>The most values a multi-valued attribute may have, except <c>members</c> (see <see cref="MaxMembers"/>); 10,000 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxValuesPerAttribute
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 10_000;

    /// <summary>
    /// The most values an attribute named <c>members</c> may have (a group's members, in any schema); 1,000,000 by default,
    /// because real groups are far larger than any other multi-valued attribute. The request body size limit of the host
    /// still applies.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxMembers
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            field = value;
        }
    } = 1_000_000;

    /// <summary>
    /// Whether writeOnly values (the User <c>password</c>) are kept for the store. Off by default: they are dropped on
    /// input, because this library does not manage passwords (<c>changePassword.supported</c> is false) and Okta sends a
    /// placeholder password with every create, which must never be stored in clear. A host that manages passwords turns
    /// this on and must hash them in its store. They are never returned either way (RFC 7643 §7, <c>returned: never</c>).
    /// </summary>
    public bool KeepWriteOnlyValues { get; init; }

    /// <summary>
    /// Schema URNs accepted in <c>schemas</c> although they belong to no schema of the resource type; they are left out of
    /// the validated resource, and so is a body key that names one. By default this holds <see cref="EntraGroupSchemaUrn"/>,
    /// which Entra ID sends with every group it creates. Any other unknown URN in <c>schemas</c> is refused.
    /// </summary>
    public ImmutableArray<string> IgnoredSchemaUrns { get; init; } = [EntraGroupSchemaUrn];

    /// <summary>These options with every compatibility switch off and the limits kept.</summary>
    /// <returns>A copy that reads RFC 7643 literally.</returns>
    public SchemaValidatorOptions AsStrict() => this with
    {
        UnknownAttributes = UnknownAttributePolicy.Reject,
        IgnoredSchemaUrns = [],
        CoerceStringBooleans = false,
        CoerceScalarTypes = false,
        LenientArrays = false,
        WrapPlainValues = false,
        ManagerIdAsValue = false,
    };
}
