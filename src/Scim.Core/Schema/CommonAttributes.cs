using System.Collections.Immutable;

namespace Scim.Core.Schema;

/// <summary>
/// The attributes every resource has whatever its schema (RFC 7643 §3.1): <c>id</c>, <c>externalId</c>,
/// <c>meta</c>, and the <c>schemas</c> list (§3).
/// </summary>
public static class CommonAttributes
{
    /// <summary>A pseudo-URN under which the common attributes are resolved; it never appears on the wire.</summary>
    public const string SchemaId = "urn:scim-dotnet:common";

    /// <summary>The common attributes as a schema.</summary>
    public static ScimSchema Schema { get; } = new(SchemaId, "Common", [
        new SchemaAttribute("id")
        {
            CaseExact = true, Mutability = Mutability.ReadOnly, Returned = Returned.Always, Uniqueness = Uniqueness.Server,
            Description = "A unique identifier for a SCIM resource as defined by the service provider.",
        },
        new SchemaAttribute("externalId")
        {
            CaseExact = true,
            Description = "A String that is an identifier for the resource as defined by the provisioning client.",
        },
        new SchemaAttribute("meta", AttributeType.Complex)
        {
            Mutability = Mutability.ReadOnly,
            Description = "A complex attribute containing resource metadata.",
            SubAttributes = [
                new SchemaAttribute("resourceType") { CaseExact = true, Mutability = Mutability.ReadOnly },
                new SchemaAttribute("created", AttributeType.DateTime) { Mutability = Mutability.ReadOnly },
                new SchemaAttribute("lastModified", AttributeType.DateTime) { Mutability = Mutability.ReadOnly },
                new SchemaAttribute("location", AttributeType.Reference) { CaseExact = true, Mutability = Mutability.ReadOnly, ReferenceTypes = ["uri"] },
                new SchemaAttribute("version") { CaseExact = true, Mutability = Mutability.ReadOnly },
            ],
        },
        new SchemaAttribute("schemas", AttributeType.Reference)
        {
            MultiValued = true, Required = true, CaseExact = true, Returned = Returned.Always, ReferenceTypes = ["uri"],
            Description = "The schema URNs that define the attributes present in the resource.",
        },
    ]);

    /// <summary>The names of the common attributes.</summary>
    public static ImmutableArray<string> Names { get; } = ["id", "externalId", "meta", "schemas"];
}
