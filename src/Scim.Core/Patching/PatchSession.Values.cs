using System.Text.Json;
using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering.Evaluation;
using Scim.Core.Schema;
using static Scim.Core.Patching.PatchJson;

namespace Scim.Core.Patching;

/// <summary>
/// Turns the values of a request into values to store: type-checked against the schema (400 <c>invalidValue</c>),
/// with the compatibility coercions of <see cref="PatchOptions"/>, sub-attribute names in the schema's spelling,
/// nulls left out, and always new nodes, so the request itself is never changed or attached to the resource.
/// </summary>
internal sealed partial class PatchSession
{
    /// <summary>A value for <paramref name="attribute"/>: an array when it is multi-valued (unless <paramref name="element"/>), else one value.</summary>
    private JsonNode? Coerce(SchemaAttribute attribute, SchemaAttribute? parent, JsonNode value, bool element = false)
    {
        if (attribute.MultiValued && !element)
        {
            var values = CoerceValues(attribute, value, parent);
            if (values.Count == 0)
            {
                return null;
            }

            var array = new JsonArray();
            foreach (var item in values)
            {
                array.Add(item);
            }

            return array;
        }

        if (element && value is JsonArray)
        {
            throw WrongType(attribute, parent, value);
        }

        var single = UnwrapSingle(attribute, parent, value);
        return single is null ? null : CoerceOne(attribute, parent, single);
    }

    /// <summary>The values for a multi-valued attribute, nulls and empty values left out.</summary>
    private List<JsonNode> CoerceValues(SchemaAttribute attribute, JsonNode value, SchemaAttribute? parent = null)
    {
        if (value is not JsonArray array)
        {
            if (!options.LenientArrays)
            {
                throw Error(ScimErrorType.InvalidValue, $"'{Name(attribute, parent)}' is multi-valued; its value is an array, not {Describe(value)}");
            }

            var one = CoerceOne(attribute, parent, value);
            return IsAssigned(one) ? [one] : [];
        }

        var values = new List<JsonNode>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not { } item)
            {
                continue;
            }

            if (item is JsonArray)
            {
                throw WrongType(attribute, parent, item);
            }

            var coerced = CoerceOne(attribute, parent, item);
            if (IsAssigned(coerced))
            {
                values.Add(coerced);
            }
        }

        return values;
    }

    /// <summary>One value where a single value belongs; a one-element array is that element when <see cref="PatchOptions.LenientArrays"/>.</summary>
    private JsonNode? UnwrapSingle(SchemaAttribute attribute, SchemaAttribute? parent, JsonNode value)
    {
        if (value is not JsonArray array)
        {
            return value;
        }

        if (!options.LenientArrays || array.Count > 1)
        {
            throw Error(ScimErrorType.InvalidValue, $"'{Name(attribute, parent)}' is single-valued; its value is not an array");
        }

        return array.Count == 0 ? null : array[0];
    }

    /// <summary>Entra ID's manager id: a plain value for a complex attribute that has a <c>value</c> sub-attribute.</summary>
    private bool IsPlainForComplex(SchemaAttribute attribute, JsonNode value) =>
        options.WrapPlainValues && value is JsonValue && attribute.FindSubAttribute("value") is not null;

    /// <summary>One value of the attribute's type (the element type of a multi-valued attribute).</summary>
    private JsonNode CoerceOne(SchemaAttribute attribute, SchemaAttribute? parent, JsonNode value)
    {
        if (attribute.Type == AttributeType.Complex)
        {
            if (value is JsonObject complex)
            {
                return CoerceComplex(attribute, complex);
            }

            if (IsPlainForComplex(attribute, value))
            {
                var sub = attribute.FindSubAttribute("value")!;
                return new JsonObject { [sub.Name] = CoerceOne(sub, attribute, value) };
            }

            throw WrongType(attribute, parent, value);
        }

        if (value is not JsonValue primitive)
        {
            throw WrongType(attribute, parent, value);
        }

        var kind = primitive.GetValueKind();
        switch (attribute.Type)
        {
            case AttributeType.Boolean:
                if (kind is JsonValueKind.True or JsonValueKind.False)
                {
                    break;
                }

                Span<char> scratch = stackalloc char[8];
                if (kind == JsonValueKind.String && options.CoerceStringBooleans
                    && JsonLeaf.TryGetString(primitive, scratch, out var text) && bool.TryParse(text, out var flag))
                {
                    return JsonValue.Create(flag);
                }

                throw WrongType(attribute, parent, value);
            case AttributeType.Integer:
                if (kind != JsonValueKind.Number || !JsonLeaf.TryGetNumber(primitive, out var number) || !decimal.IsInteger(number))
                {
                    throw WrongType(attribute, parent, value);
                }

                break;
            case AttributeType.Decimal:
                if (kind != JsonValueKind.Number)
                {
                    throw WrongType(attribute, parent, value);
                }

                break;
            default:
                if (kind != JsonValueKind.String)
                {
                    throw WrongType(attribute, parent, value);
                }

                break;
        }

        return primitive.DeepClone();
    }

    /// <summary>
    /// A complex value with its sub-attributes coerced. Sub-attributes the schema does not define are kept as sent
    /// for the finaliser (the schema validator) to drop or refuse; readOnly ones inside a writable value are left out
    /// (the service provider sets them); nulls are left out.
    /// </summary>
    private JsonObject CoerceComplex(SchemaAttribute attribute, JsonObject value)
    {
        var result = new JsonObject();
        for (var i = 0; i < value.Count; i++)
        {
            var (name, node) = value.GetAt(i);
            if (node is null)
            {
                continue;
            }

            var sub = attribute.FindSubAttribute(name);
            if (sub is null)
            {
                result[name] = node.DeepClone();
            }
            else if (sub.Mutability != Mutability.ReadOnly || attribute.Mutability == Mutability.ReadOnly)
            {
                var coerced = Coerce(sub, attribute, node);
                if (IsAssigned(coerced))
                {
                    result[sub.Name] = coerced;
                }
            }
        }

        return result;
    }

    private ScimException WrongType(SchemaAttribute attribute, SchemaAttribute? parent, JsonNode value)
    {
        var expected = attribute.Type switch
        {
            AttributeType.Complex => "an object of sub-attributes",
            AttributeType.Boolean => "true or false",
            AttributeType.Integer => "an integer",
            AttributeType.Decimal => "a number",
            AttributeType.DateTime => "a dateTime string",
            AttributeType.Binary => "a base64 string",
            AttributeType.Reference => "a reference string",
            _ => "a string",
        };
        return Error(ScimErrorType.InvalidValue, $"'{Name(attribute, parent)}' takes {expected}, not {Describe(value)}");
    }
}
