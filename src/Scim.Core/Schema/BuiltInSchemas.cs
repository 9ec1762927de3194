using System.Text.Json.Nodes;

namespace Scim.Core.Schema;

/// <summary>
/// The schemas RFC 7643 §8.7 publishes, read through <see cref="SchemaJson.ReadSchema"/> from the RFC's own JSON,
/// which this assembly embeds unchanged (<c>Schema/Definitions</c>). They are read once, on first use of this class.
/// </summary>
/// <remarks>
/// The RFC's JSON is kept with its oddities, so these say what the RFC says: Group <c>displayName</c> and the Enterprise
/// <c>manager.value</c> are described as REQUIRED but have <c>"required": false</c>; Group <c>members</c> has no
/// <c>display</c>; the ServiceProviderConfig schema has no <c>etag</c> and no <c>authenticationSchemes.type</c> or
/// <c>primary</c>; ResourceType <c>schemaExtensions</c> is single-valued (erratum 7522); the Schema schema's
/// <c>attributes.type</c> does not list <c>binary</c> and its <c>attributes.subAttributes</c> is a complex
/// sub-attribute.
/// </remarks>
public static class BuiltInSchemas
{
    /// <summary>The core User schema (RFC 7643 §4.1, §8.7.1).</summary>
    public static ScimSchema User { get; } = Load("User");

    /// <summary>The core Group schema (RFC 7643 §4.2, §8.7.1).</summary>
    public static ScimSchema Group { get; } = Load("Group");

    /// <summary>The Enterprise User extension (RFC 7643 §4.3, §8.7.1).</summary>
    public static ScimSchema EnterpriseUser { get; } = Load("EnterpriseUser");

    /// <summary>The schema of the service provider configuration resource (RFC 7643 §5, §8.7.2).</summary>
    public static ScimSchema ServiceProviderConfig { get; } = Load("ServiceProviderConfig");

    /// <summary>The schema of resource type resources (RFC 7643 §6, §8.7.2).</summary>
    public static ScimSchema ResourceType { get; } = Load("ResourceType");

    /// <summary>The schema of schema resources (RFC 7643 §7, §8.7.2).</summary>
    public static ScimSchema Schema { get; } = Load("Schema");

    /// <summary>The embedded RFC document a built-in schema is read from.</summary>
    /// <param name="name">The file name without extension, e.g. <c>User</c>.</param>
    /// <returns>A fresh copy of the document.</returns>
    internal static JsonObject LoadJson(string name)
    {
        using var stream = typeof(BuiltInSchemas).Assembly.GetManifestResourceStream($"Scim.Core.Schema.Definitions.{name}.json")
            ?? throw new InvalidOperationException($"The embedded schema document '{name}.json' is missing.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static ScimSchema Load(string name) => SchemaJson.ReadSchema(LoadJson(name));
}
