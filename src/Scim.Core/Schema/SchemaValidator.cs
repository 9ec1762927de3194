using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Resources;

namespace Scim.Core.Schema;

/// <summary>
/// Checks a resource body against the schemas of its resource type (RFC 7643 §2, §7; RFC 7644 §3.3, §3.5.1) and
/// returns it normalised: attribute names and extension URNs in the schema's spelling, values in the schema's type,
/// unassigned values (<c>null</c>, <c>[]</c>, <c>{}</c>) left out, and <c>schemas</c> listing the core schema and each
/// extension present. A violation throws a 400 <see cref="ScimException"/> whose detail names the full attribute path,
/// e.g. <c>emails[0].primary: expected a boolean, found the string "maybe"</c>. Nothing is partially applied: the input
/// is never changed and a method either returns (or, for <see cref="Validate"/>, writes) the whole result or throws.
/// </summary>
/// <remarks>
/// <para>What identity providers really send is accepted, in the schema's favour; each leniency has a switch in
/// <see cref="SchemaValidatorOptions"/> and <see cref="SchemaValidatorOptions.Strict"/> turns them all off:</para>
/// <list type="bullet">
/// <item><description>Names match case-insensitively (<c>USERNAME</c> is <c>userName</c>); the same name twice in one object is 400 <c>invalidSyntax</c>.</description></item>
/// <item><description><c>schemas</c> may omit the core URN, or be missing: the output's is rebuilt anyway. A URN in it that is neither the core schema, an extension of the resource type nor one of <see cref="SchemaValidatorOptions.IgnoredSchemaUrns"/> is 400 <c>invalidSyntax</c>. An extension object in the body that <c>schemas</c> does not list (Entra, Okta) is accepted and listed.</description></item>
/// <item><description>Coercions to the schema type: the strings <c>"True"</c>/<c>"false"</c> (any case) to booleans (Entra ID, OneLogin); numbers written as strings to integer and decimal attributes; numbers and booleans to their JSON text for string attributes (Okta sends numbers for custom string attributes). Nothing else is coerced: a number is no dateTime, reference or binary.</description></item>
/// <item><description>A single value where an array is expected is taken as a one-element array (OneLogin sends <c>emails</c> as one object); a one-element array where a single value is expected is unwrapped (Entra's legacy <c>manager</c> shape), a longer one is refused.</description></item>
/// <item><description>A bare value where a complex attribute with a <c>value</c> sub-attribute is expected is taken as <c>{"value": …}</c> (Entra sends the enterprise <c>manager</c> as a plain id); in the enterprise <c>manager</c>, OneLogin's <c>managerId</c> is <c>value</c>.</description></item>
/// </list>
/// <para>Mutability (RFC 7643 §7, RFC 7644 §3.5.1): readOnly values in the input are ignored; on create they are
/// dropped, on replace the existing ones are kept (so <c>id</c> and <c>meta</c> come from the existing resource). writeOnly
/// values (<c>password</c>) are kept: the store decides what to do with them and projection never returns them. An
/// immutable value that is already set may not change on replace (400 <c>mutability</c>); left out, it is kept.</para>
/// <para>Inside a complex value, readOnly and immutable sub-attributes are compared with the existing value they
/// correspond to: for a single-valued attribute, the existing value (whose readOnly sub-attributes are kept only while
/// its <c>value</c> sub-attribute is unchanged, since they describe that value, e.g. the enterprise
/// <c>manager.displayName</c>); for a multi-valued one, the existing element with the same <c>value</c>. A multi-valued
/// element has no identity but its <c>value</c>, so an immutable <c>members.value</c> cannot "change": a different value
/// is a removed member and an added one, which RFC 7644 allows; the element's other immutable sub-attributes
/// (<c>members.type</c>, <c>members.$ref</c>) must match.</para>
/// <para>Required attributes (and required sub-attributes of a complex value that is present) must have a value; an
/// empty string counts as none. readOnly attributes are exempt, the service provider sets them. An extension's required
/// attributes apply when its object is present; a required extension must be present (400 <c>invalidValue</c>).</para>
/// <para>At most one value of a multi-valued complex attribute may have <c>primary</c> true (RFC 7643 §2.4).
/// Canonical values are enforced (case-insensitively) only where <see cref="SchemaAttribute.CanonicalValuesAreStrict"/> is set.
/// Unknown attributes follow <see cref="SchemaValidatorOptions.UnknownAttributes"/>; limits are in <see cref="SchemaValidatorOptions"/>.</para>
/// </remarks>
/// <param name="registry">The schemas and resource types; a resource type given to the validator must be registered in it.</param>
/// <param name="options">Policies and limits, or <see langword="null"/> for <see cref="SchemaValidatorOptions.Default"/>.</param>
public sealed class SchemaValidator(SchemaRegistry registry, SchemaValidatorOptions? options = null)
{
    private const string SchemasName = "schemas";
    private const string IdName = "id";
    private const string ManagerPath = SchemaUrns.EnterpriseUser + ":manager";

    private readonly SchemaRegistry _registry = registry ?? throw new ArgumentNullException(nameof(registry));

    // A core schema's top-level attributes with the common ones, made once per schema (by reference: a schema
    // registered again is a new entry) rather than for every resource validated.
    private readonly ConcurrentDictionary<ScimSchema, ImmutableArray<SchemaAttribute>> _topLevel = new(ReferenceEqualityComparer.Instance);

    private enum Mode
    {
        Create,
        Replace,
        Stored,
    }

    /// <summary>The policies and limits in force.</summary>
    public SchemaValidatorOptions Options { get; } = options ?? SchemaValidatorOptions.Default;

    /// <summary>Validates the body of a create request (POST, RFC 7644 §3.3).</summary>
    /// <param name="type">The resource type being created.</param>
    /// <param name="input">The request body; it is not changed.</param>
    /// <returns>A new, normalised resource without <c>id</c> or <c>meta</c> (readOnly input is dropped), for the store to complete.</returns>
    /// <exception cref="ScimException">The body violates the schema: 400 <c>invalidValue</c> or <c>invalidSyntax</c>.</exception>
    /// <exception cref="ArgumentException">A schema of <paramref name="type"/> is not registered.</exception>
    public ScimResource ValidateForCreate(ResourceType type, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(input);
        return Build(type, input, Mode.Create, existing: null);
    }

    /// <summary>Validates the body of a replace request (PUT, RFC 7644 §3.5.1) against the resource it replaces.</summary>
    /// <param name="existing">The stored resource; it is not changed.</param>
    /// <param name="input">The request body; it is not changed.</param>
    /// <returns>
    /// The new resource to store: the input normalised, with <c>id</c>, <c>meta</c> and other readOnly values taken from
    /// <paramref name="existing"/>, and immutable values the input leaves out kept. Attributes the input leaves out are cleared.
    /// </returns>
    /// <exception cref="ScimException">
    /// The body violates the schema (400 <c>invalidValue</c> or <c>invalidSyntax</c>), or changes an immutable value (400 <c>mutability</c>).
    /// </exception>
    /// <exception cref="ArgumentException">A schema of the resource type is not registered.</exception>
    public ScimResource ValidateForReplace(ScimResource existing, JsonObject input)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(input);
        return Build(existing.ResourceType, input, Mode.Replace, existing.Json);
    }

    /// <summary>
    /// Checks a resource as it would be stored, e.g. after a PATCH has been applied to a copy, and normalises it in place
    /// with the same rules and coercions as <see cref="ValidateForCreate"/> (so Entra's <c>"False"</c> becomes
    /// <c>false</c>), except that readOnly values are kept as they are. Immutability is not checked here, since there is
    /// no earlier state to compare with. On failure the resource is left untouched.
    /// </summary>
    /// <param name="resource">The resource; on success its JSON is replaced by the normalised form.</param>
    /// <exception cref="ScimException">The resource violates the schema: 400 <c>invalidValue</c> or <c>invalidSyntax</c>.</exception>
    /// <exception cref="ArgumentException">A schema of the resource type is not registered.</exception>
    public void Validate(ScimResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var normalised = Build(resource.ResourceType, resource.Json, Mode.Stored, existing: null).Json;
        var properties = normalised.ToList();
        normalised.Clear();
        resource.Json.Clear();
        foreach (var (name, value) in properties)
        {
            resource.Json[name] = value;
        }
    }

    private ScimResource Build(ResourceType type, JsonObject input, Mode mode, JsonObject? existing)
    {
        var core = Registered(type, type.Schema);
        var extensions = new (ScimSchema Schema, bool Required)[type.SchemaExtensions.Length];
        for (var i = 0; i < extensions.Length; i++)
        {
            extensions[i] = (Registered(type, type.SchemaExtensions[i].Schema), type.SchemaExtensions[i].Required);
        }

        CheckSchemas(type, input);

        // The common attributes (RFC 7643 §3.1) come first, as in SchemaRegistry.TryResolve; schemas is rebuilt at the end.
        var topLevel = _topLevel.GetOrAdd(core, static core => CommonAttributes.Schema.Attributes
            .Where(a => a.Name != SchemasName)
            .Concat(core.Attributes.Where(a => CommonAttributes.Schema.FindAttribute(a.Name) is null))
            .ToImmutableArray());

        var extensionValues = new JsonNode?[extensions.Length];
        var extensionSeen = new bool[extensions.Length];
        foreach (var (key, value) in input)
        {
            var index = ExtensionIndex(extensions, key);
            if (index < 0)
            {
                continue;
            }

            if (extensionSeen[index])
            {
                throw Syntax($"{extensions[index].Schema.Id}: the extension appears more than once (schema URNs are case-insensitive)");
            }

            extensionSeen[index] = true;
            extensionValues[index] = value;
        }

        var output = new JsonObject { [SchemasName] = new JsonArray() };
        var top = Where.Resource(type);
        NormaliseObject(topLevel, input, top, mode, output, extensions);
        if (existing is not null)
        {
            Reconcile(topLevel, existing, output, top);
        }

        Finish(topLevel, output, existing, top);

        for (var i = 0; i < extensions.Length; i++)
        {
            var (schema, required) = extensions[i];
            var value = extensionValues[i];
            if (value is not (null or JsonObject))
            {
                throw Invalid($"{schema.Id}: expected an object holding the extension's attributes, found {Describe(value, hide: false)}");
            }

            var previous = existing is null ? null : Get(existing, schema.Id) as JsonObject;
            if (Options.ManagerIdAsValue && value is JsonObject enterprise && schema.Id == SchemaUrns.EnterpriseUser)
            {
                value = ManagerIdAsValue(enterprise, previous);
            }

            if (value is null && previous is null)
            {
                if (required)
                {
                    throw Invalid($"{schema.Id}: the {type.Name} resource type requires this schema extension, and the resource has none");
                }

                continue;
            }

            var extension = new JsonObject();
            var within = Where.Extension(schema.Id);
            NormaliseObject(schema.Attributes, (JsonObject?)value ?? [], within, mode, extension, extensions: null);
            if (previous is not null)
            {
                Reconcile(schema.Attributes, previous, extension, within);
            }

            if (extension.Count == 0 && (!required || value is null))
            {
                // An optional extension left empty is unassigned; a required one must at least be sent.
                if (required)
                {
                    throw Invalid($"{schema.Id}: the {type.Name} resource type requires this schema extension, and the resource has none");
                }

                continue;
            }

            Finish(schema.Attributes, extension, previous, within);
            output[schema.Id] = extension;
        }

        if (output.TryGetPropertyValue(IdName, out var id) && output.IndexOf(IdName) != 1)
        {
            output.Remove(IdName);
            output.Insert(1, IdName, id);
        }

        var resource = new ScimResource(type, output);
        resource.SyncSchemas();
        return resource;
    }

    private ScimSchema Registered(ResourceType type, string urn) =>
        _registry.FindSchema(urn)
        ?? throw new ArgumentException($"The schema '{urn}' of the resource type '{type.Name}' is not registered.", nameof(type));

    // Loops rather than LINQ with a lambda: these run for every attribute of every resource written.
    private bool IsIgnoredUrn(string urn)
    {
        foreach (var ignored in Options.IgnoredSchemaUrns)
        {
            if (string.Equals(ignored, urn, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int ExtensionIndex((ScimSchema Schema, bool Required)[] extensions, string urn)
    {
        for (var i = 0; i < extensions.Length; i++)
        {
            if (string.Equals(extensions[i].Schema.Id, urn, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private void CheckSchemas(ResourceType type, JsonObject input)
    {
        foreach (var (key, value) in input)
        {
            if (!string.Equals(key, SchemasName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            switch (value)
            {
                case null:
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        switch (array[i])
                        {
                            case null:
                                break;
                            case JsonValue urn when urn.GetValueKind() == JsonValueKind.String:
                                if (!IsSchemaOfExactly(type, urn))
                                {
                                    CheckSchemaUrn(type, StringOf(urn));
                                }

                                break;
                            default:
                                throw Syntax($"schemas[{i}]: expected a schema URN, found {Describe(array[i], hide: false)}");
                        }
                    }

                    break;
                case JsonValue urn when urn.GetValueKind() == JsonValueKind.String:
                    CheckSchemaUrn(type, StringOf(urn));
                    break;
                default:
                    throw Syntax($"schemas: expected an array of schema URNs, found {Describe(value, hide: false)}");
            }
        }
    }

    private void CheckSchemaUrn(ResourceType type, string urn)
    {
        if (string.Equals(urn, type.Schema, StringComparison.OrdinalIgnoreCase)
            || IsExtensionOf(type, urn)
            || IsIgnoredUrn(urn))
        {
            return;
        }

        var known = string.Join(", ", type.SchemaExtensions.Select(e => e.Schema).Prepend(type.Schema));
        throw Syntax($"schemas: '{Truncate(urn, 256)}' is not a schema of the {type.Name} resource type (its schemas are {known})");
    }

    /// <summary>
    /// Whether a URN read from the body is, as it is spelled there, the type's core schema or one of its extensions:
    /// compared in the parsed text, without making a string of it (what a client sends nearly always).
    /// </summary>
    private static bool IsSchemaOfExactly(ResourceType type, JsonValue urn)
    {
        if (!urn.TryGetValue<JsonElement>(out var text))
        {
            return false;
        }

        if (text.ValueEquals(type.Schema))
        {
            return true;
        }

        foreach (var extension in type.SchemaExtensions)
        {
            if (text.ValueEquals(extension.Schema))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExtensionOf(ResourceType type, string urn)
    {
        foreach (var extension in type.SchemaExtensions)
        {
            if (string.Equals(extension.Schema, urn, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Normalises the known attributes of <paramref name="input"/> (the object at <paramref name="within"/>) into
    /// <paramref name="output"/>; at the top level, <paramref name="extensions"/> are what <c>schemas</c> and the
    /// extension objects are skipped for (they are done apart).
    /// </summary>
    private void NormaliseObject(
        ImmutableArray<SchemaAttribute> attributes,
        JsonObject input,
        Where within,
        Mode mode,
        JsonObject output,
        (ScimSchema Schema, bool Required)[]? extensions)
    {
        foreach (var (key, value) in input)
        {
            if (extensions is not null
                && (string.Equals(key, SchemasName, StringComparison.OrdinalIgnoreCase) || IsIgnoredUrn(key) || ExtensionIndex(extensions, key) >= 0))
            {
                continue;
            }

            var attribute = SchemaAttribute.Find(attributes, key);
            if (attribute is null)
            {
                if (Options.UnknownAttributes == UnknownAttributePolicy.Reject)
                {
                    throw Syntax($"{within.Child(Truncate(key, 256))}: not an attribute of {within.Owner}");
                }

                continue;
            }

            // Keys of a JSON object differ, so a second spelling of a name needs a key that is not the schema's own.
            if (!string.Equals(key, attribute.Name, StringComparison.Ordinal)
                && input.Count(p => string.Equals(p.Key, attribute.Name, StringComparison.OrdinalIgnoreCase)) > 1)
            {
                throw Syntax($"{within.Child(attribute.Name)}: the attribute appears more than once (attribute names are case-insensitive)");
            }

            if (attribute.Mutability == Mutability.ReadOnly)
            {
                // RFC 7644 §3.5.1: client values SHALL be ignored; a stored resource keeps the service provider's own.
                if (mode == Mode.Stored && value is not null)
                {
                    output[attribute.Name] = value.DeepClone();
                }

                continue;
            }

            // A writeOnly value is still checked, so a malformed one is an error either way; it is kept only on request.
            if (NormaliseAttribute(attribute, value, within.Child(attribute.Name), mode) is { } normalised
                && (attribute.Mutability != Mutability.WriteOnly || Options.KeepWriteOnlyValues))
            {
                output[attribute.Name] = normalised;
            }
        }
    }

    /// <summary>
    /// For a replace: keeps the existing readOnly values (when <paramref name="keepReadOnly"/>), keeps immutable values
    /// the input left out, and refuses a changed immutable value.
    /// </summary>
    private static void Reconcile(ImmutableArray<SchemaAttribute> attributes, JsonObject existing, JsonObject output, Where within, bool keepReadOnly = true)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Mutability is not (Mutability.ReadOnly or Mutability.Immutable)
                || Get(existing, attribute.Name) is not { } previous
                || previous is JsonArray { Count: 0 })
            {
                continue;
            }

            if (attribute.Mutability == Mutability.ReadOnly)
            {
                if (keepReadOnly)
                {
                    output[attribute.Name] = previous.DeepClone();
                }
            }
            else if (!output.TryGetPropertyValue(attribute.Name, out var current) || current is null)
            {
                output[attribute.Name] = previous.DeepClone();
            }
            else if (!SameValues(previous, current))
            {
                throw new ScimException(400, ScimErrorType.Mutability,
                    $"{within.Child(attribute.Name)}: the attribute is immutable and already has a value, which cannot be changed");
            }
        }
    }

    private JsonNode? NormaliseAttribute(SchemaAttribute attribute, JsonNode? value, Where path, Mode mode)
    {
        if (value is null)
        {
            return null;
        }

        if (!attribute.MultiValued)
        {
            if (value is JsonArray array)
            {
                if (!Options.LenientArrays)
                {
                    throw Invalid($"{path}: expected a single value, found an array");
                }

                if (array.Count > 1)
                {
                    throw Invalid($"{path}: expected a single value, found an array of {array.Count} values");
                }

                if (array.Count == 0 || array[0] is null)
                {
                    return null;
                }

                value = array[0]!;
            }

            return NormaliseValue(attribute, value, path, mode);
        }

        var limit = string.Equals(attribute.Name, "members", StringComparison.OrdinalIgnoreCase) ? Options.MaxMembers : Options.MaxValuesPerAttribute;
        var items = value as JsonArray;
        if (items is null && !Options.LenientArrays)
        {
            throw Invalid($"{path}: the attribute is multi-valued and takes an array, found {Describe(value, hide: attribute.Mutability == Mutability.WriteOnly)}");
        }

        if (items?.Count > limit)
        {
            throw Invalid($"{path}: at most {limit} values are accepted, found {items.Count}");
        }

        var result = new JsonArray();
        var primary = attribute.Type == AttributeType.Complex ? attribute.FindSubAttribute("primary") : null;
        var primaryIndex = -1;
        for (var i = 0; i < (items?.Count ?? 1); i++)
        {
            // OneLogin sends a single object where an array is expected; it is the one and only value.
            var item = items is null ? value : items[i];
            var itemPath = items is null ? path : path.At(i);
            if (item is null || NormaliseValue(attribute, item, itemPath, mode) is not { } normalised)
            {
                continue;
            }

            if (primary is not null && Get((JsonObject)normalised, primary.Name)?.GetValueKind() == JsonValueKind.True)
            {
                if (primaryIndex >= 0)
                {
                    throw Invalid($"{path}: at most one value may have primary set to true (RFC 7643 §2.4), found {path}[{primaryIndex}] and {itemPath}");
                }

                primaryIndex = i;
            }

            result.Add(normalised);
        }

        return result.Count == 0 ? null : result;
    }

    private JsonNode? NormaliseValue(SchemaAttribute attribute, JsonNode value, Where path, Mode mode)
    {
        if (attribute.Type != AttributeType.Complex)
        {
            return value is JsonValue primitive
                ? NormalisePrimitive(attribute, primitive, path)
                : throw Invalid($"{path}: expected {Expected(attribute.Type)}, found {Describe(value, hide: false)}");
        }

        var input = value switch
        {
            JsonObject complex => complex,
            JsonValue bare when Options.WrapPlainValues && attribute.FindSubAttribute("value") is { } sub => new JsonObject { [sub.Name] = bare.DeepClone() },
            _ => throw Invalid($"{path}: expected {Expected(attribute.Type)}, found {Describe(value, hide: attribute.Mutability == Mutability.WriteOnly)}"),
        };
        var output = new JsonObject();
        NormaliseObject(attribute.SubAttributes, input, path, mode, output, extensions: null);
        return output.Count == 0 ? null : output;
    }

    /// <summary>
    /// The enterprise extension with OneLogin's <c>{"managerId":"…","displayName":"…"}</c> read as
    /// <c>{"value":"…","displayName":"…"}</c>. A <c>value</c> beside it must agree, unless it is the stored one: a PATCH
    /// replace merges the new <c>managerId</c> into the stored manager.
    /// </summary>
    private static JsonObject ManagerIdAsValue(JsonObject enterprise, JsonObject? previous)
    {
        var managerName = enterprise.FirstOrDefault(p => string.Equals(p.Key, "manager", StringComparison.OrdinalIgnoreCase)).Key;
        if (managerName is null || enterprise[managerName] is not JsonObject manager)
        {
            return enterprise;
        }

        var managerId = manager.FirstOrDefault(p => string.Equals(p.Key, "managerId", StringComparison.OrdinalIgnoreCase));
        if (managerId.Key is null)
        {
            return enterprise;
        }

        if (managerId.Value is not JsonValue id || id.GetValueKind() != JsonValueKind.String)
        {
            throw Invalid($"{ManagerPath}.managerId: expected the manager's id as a string, found {Describe(managerId.Value, hide: false)}");
        }

        var value = Get(manager, "value");
        var stored = previous is not null && Get(previous, "manager") is JsonObject before ? Get(before, "value") : null;
        if (value is not null && !JsonNode.DeepEquals(value, id) && !JsonNode.DeepEquals(value, stored))
        {
            throw Invalid($"{ManagerPath}: managerId \"{Truncate(StringOf(id))}\" and value {Describe(value, hide: false)} name different managers");
        }

        var result = new JsonObject();
        foreach (var (key, sub) in manager)
        {
            if (!string.Equals(key, "value", StringComparison.OrdinalIgnoreCase))
            {
                result[string.Equals(key, managerId.Key, StringComparison.Ordinal) ? "value" : key] = sub?.DeepClone();
            }
        }

        var copy = enterprise.DeepClone().AsObject();
        copy[managerName] = result;
        return copy;
    }

    private JsonValue NormalisePrimitive(SchemaAttribute attribute, JsonValue value, Where path)
    {
        var kind = value.GetValueKind();
        var text = kind switch
        {
            JsonValueKind.String => StringOf(value),
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        if (text?.Length > Options.MaxStringLength)
        {
            throw Invalid($"{path}: the value is {text.Length} characters long, and at most {Options.MaxStringLength} are accepted");
        }

        switch (attribute.Type)
        {
            case AttributeType.String:
                if (kind != JsonValueKind.String && !Options.CoerceScalarTypes)
                {
                    break;
                }

                text ??= kind switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => null,
                };
                if (text is null)
                {
                    break;
                }

                if (attribute.CanonicalValuesAreStrict && attribute.CanonicalValues.Length > 0
                    && !attribute.CanonicalValues.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    throw Invalid($"{path}: \"{Truncate(text)}\" is not one of the accepted values ({string.Join(", ", attribute.CanonicalValues)})");
                }

                return JsonValue.Create(text);

            case AttributeType.Boolean:
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    return JsonValue.Create(kind == JsonValueKind.True);
                }

                if (kind == JsonValueKind.String && Options.CoerceStringBooleans && (text!.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase)))
                {
                    return JsonValue.Create(text.Length == 4);
                }

                break;

            case AttributeType.Integer:
                if ((kind == JsonValueKind.Number || (kind == JsonValueKind.String && Options.CoerceScalarTypes)) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    return JsonValue.Create(integer);
                }

                break;

            case AttributeType.Decimal:
                if ((kind == JsonValueKind.Number || (kind == JsonValueKind.String && Options.CoerceScalarTypes)) && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                        CultureInfo.InvariantCulture, out var number))
                {
                    return JsonValue.Create(number);
                }

                break;

            case AttributeType.DateTime:
                if (kind == JsonValueKind.String && ScimDateTime.TryParse(text, out _))
                {
                    return JsonValue.Create(text!);
                }

                break;

            case AttributeType.Binary:
                if (kind == JsonValueKind.String && Base64.IsValid(text))
                {
                    return JsonValue.Create(text!);
                }

                break;

            case AttributeType.Reference:
                if (kind == JsonValueKind.String && IsUriReference(text!))
                {
                    return JsonValue.Create(text!);
                }

                break;
        }

        throw Invalid($"{path}: expected {Expected(attribute.Type)}, found {Describe(value, hide: attribute.Mutability == Mutability.WriteOnly)}");
    }

    /// <summary>
    /// Completes the complex values of an object: on a replace, reconciles their readOnly and immutable sub-attributes with
    /// the existing values they correspond to; then checks required sub-attributes, and the object's required attributes.
    /// </summary>
    private static void Finish(ImmutableArray<SchemaAttribute> attributes, JsonObject output, JsonObject? existing, Where within)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Type != AttributeType.Complex || attribute.Mutability == Mutability.ReadOnly || Get(output, attribute.Name) is not { } value)
            {
                continue;
            }

            var path = within.Child(attribute.Name);
            var previous = existing is not null && attribute.SubAttributes.Any(s => s.Mutability is Mutability.ReadOnly or Mutability.Immutable)
                ? Get(existing, attribute.Name)
                : null;
            var valueName = attribute.FindSubAttribute("value")?.Name;
            if (value is JsonObject single)
            {
                if (previous is JsonObject before)
                {
                    // readOnly sub-attributes describe the value (manager.displayName): keep them only while it is unchanged.
                    var sameValue = valueName is null || JsonNode.DeepEquals(Get(before, valueName), Get(single, valueName));
                    Reconcile(attribute.SubAttributes, before, single, path, keepReadOnly: sameValue);
                }

                CheckRequired(attribute.SubAttributes, single, path);
                continue;
            }

            // A multi-valued element has no identity but its value: it corresponds to the existing element with the same one.
            Dictionary<string, JsonObject>? byValue = null;
            if (previous is JsonArray { Count: > 0 } elements && valueName is not null)
            {
                byValue = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
                foreach (var element in elements)
                {
                    if (element is JsonObject complex && Get(complex, valueName) is { } key)
                    {
                        byValue.TryAdd(key.ToJsonString(), complex);
                    }
                }
            }

            var array = (JsonArray)value;
            for (var i = 0; i < array.Count; i++)
            {
                var element = (JsonObject)array[i]!;
                if (byValue is not null && Get(element, valueName!) is { } key && byValue.TryGetValue(key.ToJsonString(), out var before))
                {
                    Reconcile(attribute.SubAttributes, before, element, path.At(i));
                }

                CheckRequired(attribute.SubAttributes, element, path.At(i));
            }
        }

        CheckRequired(attributes, output, within);
    }

    private static void CheckRequired(ImmutableArray<SchemaAttribute> attributes, JsonObject output, Where within)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Required && attribute.Mutability != Mutability.ReadOnly
                && (Get(output, attribute.Name) is not { } value || (value.GetValueKind() == JsonValueKind.String && StringOf(value.AsValue()).Length == 0)))
            {
                throw Invalid($"{within.Child(attribute.Name)}: the attribute is required and has no value");
            }
        }
    }

    /// <summary>RFC 3986 §4.1 URI-reference: absolute or relative, only characters a URI may hold, well-formed percent escapes.</summary>
    private static bool IsUriReference(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}')
            {
                return false;
            }

            if (c == '%' && (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])))
            {
                return false;
            }
        }

        return Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _);
    }

    private static bool SameValues(JsonNode previous, JsonNode current)
    {
        if (previous is not JsonArray before || current is not JsonArray after)
        {
            return JsonNode.DeepEquals(previous, current);
        }

        // Multi-valued attributes are unordered (RFC 7643 §2.4).
        if (before.Count != after.Count)
        {
            return false;
        }

        var unmatched = before.ToList();
        foreach (var item in after)
        {
            var index = unmatched.FindIndex(candidate => JsonNode.DeepEquals(candidate, item));
            if (index < 0)
            {
                return false;
            }

            unmatched.RemoveAt(index);
        }

        return true;
    }

    private static JsonNode? Get(JsonObject json, string name)
    {
        if (json.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in json)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string StringOf(JsonValue value) =>
        value.TryGetValue<string>(out var text) ? text : JsonNode.Parse(value.ToJsonString())!.GetValue<string>();

    private static string Expected(AttributeType type) => type switch
    {
        AttributeType.String => "a string",
        AttributeType.Boolean => "a boolean",
        AttributeType.Decimal => "a decimal number",
        AttributeType.Integer => "an integer (a whole number within 64 bits)",
        AttributeType.DateTime => "a dateTime (xsd:dateTime, e.g. 2008-01-23T04:56:22Z)",
        AttributeType.Binary => "base64-encoded binary",
        AttributeType.Reference => "a URI reference",
        _ => "a complex value (an object)",
    };

    /// <summary>Describes a JSON value for an error detail; a writeOnly value (a password) is never echoed.</summary>
    private static string Describe(JsonNode? value, bool hide) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => value.GetValueKind() switch
        {
            JsonValueKind.String when hide => "a string",
            JsonValueKind.String => $"the string \"{Truncate(StringOf(value.AsValue()))}\"",
            JsonValueKind.Number when hide => "a number",
            JsonValueKind.Number => $"the number {Truncate(value.ToJsonString())}",
            JsonValueKind.True => "the boolean true",
            JsonValueKind.False => "the boolean false",
            _ => "a value",
        },
    };

    private static string Truncate(string text, int length = 64) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 3), "...");

    private static ScimException Invalid(string detail) => new(400, ScimErrorType.InvalidValue, detail);

    private static ScimException Syntax(string detail) => new(400, ScimErrorType.InvalidSyntax, detail);

    /// <summary>
    /// Where a value is, for an error's detail (<c>emails[0].primary</c>, <c>urn:…:User:manager.value</c>), made into
    /// text only when an error is thrown: built as strings on the way down, the paths of a valid resource (one or more
    /// for every value) were about a sixth of what validating it allocated.
    /// </summary>
    /// <param name="TypeName">At the top level of a resource: its type's name.</param>
    /// <param name="Urn">At the top level of an extension, and below it: the extension's URN.</param>
    /// <param name="Attribute">The attribute, below the top level.</param>
    /// <param name="Index">The attribute's element, or -1.</param>
    /// <param name="Sub">The sub-attribute, below the attribute.</param>
    /// <param name="SubIndex">The sub-attribute's element, or -1.</param>
    private readonly record struct Where(string? TypeName, string? Urn, string? Attribute, int Index, string? Sub, int SubIndex)
    {
        public static Where Resource(ResourceType type) => new(type.Name, null, null, -1, null, -1);

        public static Where Extension(string urn) => new(null, urn, null, -1, null, -1);

        /// <summary>What the object here is, for "not an attribute of": the resource type, the extension or the complex value.</summary>
        public string Owner => Attribute is not null ? $"'{this}'" : Urn is not null ? $"the extension '{Urn}'" : $"the {TypeName} resource type";

        /// <summary>The attribute <paramref name="name"/> of the object here.</summary>
        public Where Child(string name) =>
            Attribute is null ? this with { Attribute = name }
            : Sub is null ? this with { Sub = name }
            // Deeper than RFC 7643 §2.3.8 lets a schema go: the path so far as text.
            : new(null, null, $"{this}.{name}", -1, null, -1);

        /// <summary>Element <paramref name="index"/> of the multi-valued attribute here.</summary>
        public Where At(int index) => Sub is null ? this with { Index = index } : this with { SubIndex = index };

        public override string ToString()
        {
            var text = Urn is null ? Attribute ?? string.Empty : $"{Urn}:{Attribute}";
            if (Index >= 0)
            {
                text += $"[{Index}]";
            }

            if (Sub is not null)
            {
                text += $".{Sub}";
                if (SubIndex >= 0)
                {
                    text += $"[{SubIndex}]";
                }
            }

            return text;
        }
    }
}
