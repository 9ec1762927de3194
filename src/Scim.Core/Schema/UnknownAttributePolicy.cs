namespace Scim.Core.Schema;

/// <summary>What <see cref="SchemaValidator"/> does with an attribute or sub-attribute that no schema of the resource type defines.</summary>
public enum UnknownAttributePolicy
{
    /// <summary>
    /// Drop it from the validated resource and carry on (the default): identity providers send whatever their admins map,
    /// including attributes the service never declared, and refusing the whole user over one of them stops provisioning.
    /// </summary>
    Ignore,

    /// <summary>Refuse the request with 400 <c>invalidSyntax</c>, naming the attribute path.</summary>
    Reject,
}
