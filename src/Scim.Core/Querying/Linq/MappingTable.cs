using Scim.Core.Paths;

namespace Scim.Core.Querying.Linq;

/// <summary>The mappings of one owner type, found by path as SCIM names attributes: case-insensitively, URN-qualified or not.</summary>
internal sealed class MappingTable(string? coreSchema)
{
    private const string RfcCoreSchemaPrefix = "urn:ietf:params:scim:schemas:core:";

    /// <summary>Marks an attribute name that two extensions map, so that it must be qualified.</summary>
    private const string Ambiguous = "";

    private readonly Dictionary<string, QueryMapping> _byPath = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attribute name to the URN it is mapped under: null for the core schema, which wins over extensions.</summary>
    private readonly Dictionary<string, string?> _schemaOf = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The path with the core schema's URN removed, so that it names what the unqualified path names.</summary>
    public AttributePath Normalize(AttributePath path) =>
        path.SchemaUrn is { } urn && IsCore(urn) ? new AttributePath(null, path.AttributeName, path.ValueFilter, path.SubAttributeName) : path;

    public void Add(QueryMapping mapping)
    {
        var path = mapping.Path;
        if (!_byPath.TryAdd(Key(path.SchemaUrn, path.AttributeName, path.SubAttributeName), mapping))
        {
            throw new ArgumentException($"The attribute '{path}' is already mapped.", nameof(mapping));
        }

        var name = path.AttributeName;
        if (path.SchemaUrn is null)
        {
            _schemaOf[name] = null;
        }
        else if (!_schemaOf.TryGetValue(name, out var existing))
        {
            _schemaOf[name] = path.SchemaUrn;
        }
        else if (existing is not null && !string.Equals(existing, path.SchemaUrn, StringComparison.OrdinalIgnoreCase))
        {
            _schemaOf[name] = Ambiguous;
        }
    }

    /// <summary>
    /// The mapping of <c>[urn:]attribute[.sub]</c>. An unqualified name that only one extension maps finds that
    /// extension's attribute, as <see cref="Filtering.ScimFilterValidator.Bind"/> would qualify it.
    /// </summary>
    public QueryMapping? Find(string? urn, string attribute, string? sub) =>
        _byPath.GetValueOrDefault(Key(SchemaOf(urn, attribute), attribute, sub));

    /// <summary>The mapped sub-attributes of a single-valued complex attribute (<c>name.familyName</c>, <c>name.givenName</c>).</summary>
    public List<LeafMapping> SubAttributesOf(string? urn, string attribute)
    {
        urn = SchemaOf(urn, attribute);
        var subs = new List<LeafMapping>();
        foreach (var mapping in _byPath.Values)
        {
            var path = mapping.Path;
            if (mapping is LeafMapping leaf
                && path.SubAttributeName is not null
                && string.Equals(path.AttributeName, attribute, StringComparison.OrdinalIgnoreCase)
                && string.Equals(path.SchemaUrn, urn, StringComparison.OrdinalIgnoreCase))
            {
                subs.Add(leaf);
            }
        }

        return subs;
    }

    private static string Key(string? urn, string attribute, string? sub) => $"{urn}|{attribute}|{sub}";

    private string? SchemaOf(string? urn, string attribute) =>
        urn is not null ? (IsCore(urn) ? null : urn)
        : _schemaOf.TryGetValue(attribute, out var mapped) && mapped != Ambiguous ? mapped
        : null;

    private bool IsCore(string urn) =>
        urn.StartsWith(RfcCoreSchemaPrefix, StringComparison.OrdinalIgnoreCase)
        || string.Equals(urn, coreSchema, StringComparison.OrdinalIgnoreCase);
}
