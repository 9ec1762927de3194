using System.Collections.Immutable;

namespace Scim.Core.Schema;

/// <summary>Policies and limits of a <see cref="SchemaValidator"/>. The defaults are safe for a public endpoint.</summary>
public sealed class SchemaValidatorOptions
{
    /// <summary>The schema URN Microsoft Entra ID puts in <c>schemas</c> when it creates a group.</summary>
    public const string EntraGroupSchemaUrn = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";

    /// <summary>The defaults.</summary>
    public static SchemaValidatorOptions Default { get; } = new();

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
}
