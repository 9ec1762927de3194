namespace Scim.Core.Schema;

/// <summary>The schemas RFC 7643 §8.7 publishes, loaded from the RFC's own JSON.</summary>
public static class BuiltInSchemas
{
    /// <summary>The core User schema (RFC 7643 §4.1, §8.7.1).</summary>
    public static ScimSchema User { get; } = new(SchemaUrns.User, "User", [new SchemaAttribute("userName") { Required = true, Uniqueness = Uniqueness.Server }]);

    /// <summary>The core Group schema (RFC 7643 §4.2, §8.7.1).</summary>
    public static ScimSchema Group { get; } = new(SchemaUrns.Group, "Group", [new SchemaAttribute("displayName") { Required = true }]);

    /// <summary>The Enterprise User extension (RFC 7643 §4.3, §8.7.1).</summary>
    public static ScimSchema EnterpriseUser { get; } = new(SchemaUrns.EnterpriseUser, "EnterpriseUser", [new SchemaAttribute("employeeNumber")]);
}
