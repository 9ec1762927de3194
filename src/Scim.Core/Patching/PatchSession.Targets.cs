using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Schema;
using static Scim.Core.Patching.PatchJson;

namespace Scim.Core.Patching;

/// <summary>The RFC 7644 §3.5.2 rules for each kind of target.</summary>
internal sealed partial class PatchSession
{
    /// <summary>A single-valued attribute: <c>userName</c>, <c>active</c>, <c>name</c>, <c>urn:...:User:manager</c>.</summary>
    private void ApplySingle(PatchOperationType op, PathResolution resolution, JsonObject? owner, JsonNode? value)
    {
        var attribute = resolution.Resolved.Attribute;
        var at = -1;
        var current = owner is null ? null : Find(owner, attribute.Name, out at);
        if (op == PatchOperationType.Remove || value is null)
        {
            Unassign(op, resolution, owner, at, current);
            return;
        }

        // §3.5.2.1 and §3.5.2.3: a complex value's sub-attributes are merged; those not given stay. A readOnly complex
        // attribute (meta) is compared whole instead, so that any change to it is refused; a plain value for a complex
        // attribute (Entra ID's manager id) replaces it whole.
        if (attribute.Type == AttributeType.Complex && attribute.Mutability != Mutability.ReadOnly)
        {
            var given = UnwrapSingle(attribute, null, value);
            if (given is null)
            {
                if (op == PatchOperationType.Replace)
                {
                    Unassign(op, resolution, owner, at, current);
                }

                return;
            }

            if (!IsPlainForComplex(attribute, given))
            {
                MergeSingle(op, resolution, owner!, at, current, given);
                return;
            }

            // Entra ID sends the manager id on every cycle: the same id keeps the manager (and its displayName).
            if (Same(Find(current, "value"), Coerce(attribute.FindSubAttribute("value")!, attribute, given)))
            {
                return;
            }
        }

        var proposed = Coerce(attribute, null, value);
        if (Same(current, proposed) || (proposed is null && op == PatchOperationType.Add))
        {
            return;
        }

        CheckChange(attribute, null, current, proposed);
        Set(owner!, at, attribute.Name, proposed);
        MarkChanged(resolution.Changed);
    }

    private void MergeSingle(PatchOperationType op, PathResolution resolution, JsonObject owner, int at, JsonNode? current, JsonNode given)
    {
        var attribute = resolution.Resolved.Attribute;
        var wasAssigned = IsAssigned(current);
        var target = current as JsonObject;
        var created = target is null;
        target ??= [];
        var valueBefore = Find(target, "value");
        if (!Merge(op, attribute, target, given))
        {
            return;
        }

        if (!ReferenceEquals(valueBefore, Find(target, "value")))
        {
            DropReadOnly(attribute, target);
        }

        if (target.Count == 0)
        {
            CheckChange(attribute, null, wasAssigned, removing: true);
            Set(owner, at, attribute.Name, null);
        }
        else
        {
            if (attribute.Mutability == Mutability.Immutable)
            {
                CheckChange(attribute, null, wasAssigned, removing: false);
            }

            if (created)
            {
                Set(owner, at, attribute.Name, target);
            }
        }

        MarkChanged(resolution.Changed);
    }

    /// <summary>readOnly sub-attributes describe the value (manager.displayName names the manager): a new value drops them.</summary>
    private static void DropReadOnly(SchemaAttribute attribute, JsonObject complex)
    {
        for (var i = complex.Count - 1; i >= 0; i--)
        {
            if (attribute.FindSubAttribute(complex.GetAt(i).Key) is { Mutability: Mutability.ReadOnly })
            {
                complex.RemoveAt(i);
            }
        }
    }

    /// <summary>A sub-attribute of a single-valued complex attribute: <c>name.familyName</c>, <c>urn:...:User:manager.value</c>.</summary>
    private void ApplySubAttribute(PatchOperationType op, PathResolution resolution, JsonObject? owner, SchemaAttribute sub, JsonNode? value)
    {
        var attribute = resolution.Resolved.Attribute;
        var parentAt = -1;
        var at = -1;
        var parent = owner is null ? null : Find(owner, attribute.Name, out parentAt) as JsonObject;
        var current = parent is null ? null : Find(parent, sub.Name, out at);
        var removing = op == PatchOperationType.Remove || value is null;
        var proposed = removing ? null : Coerce(sub, attribute, value!);
        if (Same(current, proposed))
        {
            if (removing && !IsAssigned(current))
            {
                ThrowIfRemoveOfAbsentFails(op, $"'{attribute.Name}.{sub.Name}' has no value to remove");
            }

            return;
        }

        if (attribute.Mutability is Mutability.ReadOnly or Mutability.Immutable)
        {
            CheckChange(attribute, null, IsAssigned(parent), removing: false);
        }

        CheckChange(sub, attribute, current, proposed);
        if (parent is null)
        {
            parent = [];
            Put(owner!, parentAt, attribute.Name, parent);
        }

        Set(parent, at, sub.Name, proposed);
        if (string.Equals(sub.Name, "value", StringComparison.Ordinal))
        {
            DropReadOnly(attribute, parent);
        }

        if (parent.Count == 0)
        {
            CheckChange(attribute, null, wasAssigned: true, removing: true);
            Drop(owner!, parentAt, attribute.Name);
        }

        MarkChanged(resolution.Changed);
    }

    /// <summary>A multi-valued attribute with no filter: <c>emails</c>, <c>members</c>, <c>schemas</c>.</summary>
    private void ApplyMultiValued(PatchOperationType op, PathResolution resolution, JsonObject? owner, JsonNode? value)
    {
        var attribute = resolution.Resolved.Attribute;
        var at = -1;
        var current = owner is null ? null : Find(owner, attribute.Name, out at);
        if (op == PatchOperationType.Remove && value is not null && options.RemoveByValue)
        {
            RemoveValues(op, resolution, owner, at, current as JsonArray, value);
            return;
        }

        if (op == PatchOperationType.Remove || value is null)
        {
            Unassign(op, resolution, owner, at, current);
            return;
        }

        var values = CoerceValues(attribute, value);
        if (op == PatchOperationType.Replace)
        {
            // §3.5.2.3: all values are replaced. Two primaries in the new list: the last one stays primary.
            JsonArray? proposed = null;
            if (values.Count > 0)
            {
                proposed = [];
                JsonObject? primary = null;
                var index = values.Count > 8 ? ValueIndex.Build(attribute, [], values.Count) : null;
                foreach (var item in values)
                {
                    // The same value twice in the list is kept once (RFC 7643 §2.4).
                    if ((index is null ? ValueIdentity.FindEqual(attribute, proposed, item) : index.FindEqual(item)) is not null)
                    {
                        continue;
                    }

                    proposed.Add(item);
                    index?.Add(item);
                    primary = IsTrue(Find(item, "primary")) ? (JsonObject)item : primary;
                }

                if (primary is not null)
                {
                    ClearOtherPrimaries(proposed, primary);
                }
            }

            if (Same(current, proposed))
            {
                return;
            }

            CheckChange(attribute, null, IsAssigned(current), removing: proposed is null);
            Set(owner!, at, attribute.Name, proposed);
            MarkChanged(resolution.Changed);
            return;
        }

        AddValues(resolution, owner!, at, current, values);
    }

    /// <summary>§3.5.2.1: each new value is appended unless an equal one is there; then its sub-attributes are merged in.</summary>
    private void AddValues(PathResolution resolution, JsonObject owner, int at, JsonNode? current, List<JsonNode> values)
    {
        var attribute = resolution.Resolved.Attribute;
        if (values.Count == 0)
        {
            return;
        }

        var array = current as JsonArray;
        var wasAssigned = IsAssigned(current);
        if (array is null)
        {
            array = [];
            Put(owner, at, attribute.Name, array);
            if (wasAssigned)
            {
                // A lone value stored where an array belongs (now detached): it becomes the first element.
                array.Add(current);
            }
        }

        var index = values.Count > 1 && array.Count > 8 ? ValueIndex.Build(attribute, array, array.Count + values.Count) : null;
        var changed = false;
        JsonObject? primary = null;
        foreach (var item in values)
        {
            var target = index is null ? ValueIdentity.FindEqual(attribute, array, item) : index.FindEqual(item);
            if (target is null)
            {
                array.Add(item);
                index?.Add(item);
                target = item;
                changed = true;
            }
            else if (target is JsonObject existing && item is JsonObject incoming)
            {
                changed |= MergeDuplicate(attribute, existing, incoming);
            }

            if (target is JsonObject element && IsTrue(Find(item, "primary")))
            {
                primary = element;
            }
        }

        if (primary is not null)
        {
            changed |= ClearOtherPrimaries(array, primary);
        }

        if (!changed)
        {
            if (!wasAssigned)
            {
                Drop(owner, at, attribute.Name);
            }

            return;
        }

        CheckChange(attribute, null, wasAssigned, removing: false);
        MarkChanged(resolution.Changed);
    }

    /// <summary>Entra ID's <c>{"op":"Remove","path":"members","value":[{"value":"id"}]}</c>: remove exactly the listed values.</summary>
    private void RemoveValues(PatchOperationType op, PathResolution resolution, JsonObject? owner, int at, JsonArray? array, JsonNode value)
    {
        var attribute = resolution.Resolved.Attribute;
        var wanted = CoerceValues(attribute, value);
        if (wanted.Count == 0)
        {
            return;
        }

        var removed = false;
        if (array is not null)
        {
            var index = wanted.Count > 4 ? ValueIndex.Build(attribute, wanted, wanted.Count) : null;
            for (var i = array.Count - 1; i >= 0; i--)
            {
                if (array[i] is { } element
                    && (index is null ? ValueIdentity.FindEqual(attribute, wanted, element) : index.FindEqual(element)) is not null)
                {
                    array.RemoveAt(i);
                    removed = true;
                }
            }
        }

        if (!removed)
        {
            ThrowIfRemoveOfAbsentFails(op, $"none of the given values is in '{attribute.Name}'");
            return;
        }

        CheckChange(attribute, null, wasAssigned: true, removing: array!.Count == 0);
        if (array.Count == 0)
        {
            owner!.RemoveAt(at);
        }

        MarkChanged(resolution.Changed);
    }

    /// <summary>A value filter, with or without a sub-attribute: <c>emails[type eq "work"]</c>, <c>addresses[type eq "work"].country</c>.</summary>
    private void ApplyFiltered(PatchOperationType op, PathResolution resolution, JsonObject? owner, ScimFilter filter, JsonNode? value)
    {
        var attribute = resolution.Resolved.Attribute;
        var sub = resolution.Resolved.SubAttribute;
        var at = -1;
        var current = owner is null ? null : Find(owner, attribute.Name, out at);
        var array = current as JsonArray;
        var wasAssigned = IsAssigned(array);
        var removing = op == PatchOperationType.Remove || value is null;
        var matched = 0;
        var changed = false;
        JsonObject? primary = null;
        JsonNode? proposed = null;
        for (var i = array is null ? -1 : array.Count - 1; i >= 0; i--)
        {
            if (array![i] is not JsonObject element || !resolution.Matches(filter, element))
            {
                continue;
            }

            matched++;
            if (removing && sub is null)
            {
                array.RemoveAt(i);
                changed = true;
            }
            else if (sub is not null)
            {
                // §3.5.2.3: "the matching sub-attribute of all matching records is replaced".
                proposed = proposed is null ? (removing ? null : Coerce(sub, attribute, value!)) : proposed.DeepClone();
                changed |= SetMember(element, sub, attribute, proposed);
                if (element.Count == 0)
                {
                    array.RemoveAt(i);
                }
                else if (string.Equals(sub.Name, "primary", StringComparison.OrdinalIgnoreCase) && IsTrue(proposed))
                {
                    primary = element;
                }
            }
            else if (op == PatchOperationType.Replace)
            {
                // §3.5.2.3 example: 'addresses[type eq "work"]' replaces the entire work address.
                var replacement = Coerce(attribute, null, value!, element: true) as JsonObject
                    ?? throw Error(ScimErrorType.InvalidValue, $"a value of '{attribute.Name}' is an object of sub-attributes");
                changed |= ReplaceElement(attribute, array, i, element, replacement);
                primary = IsTrue(Find(array[i], "primary")) ? (JsonObject)array[i]! : primary;
            }
            else
            {
                changed |= Merge(op, attribute, element, value!);
                primary = IsTrue(Find(element, "primary")) ? element : primary;
            }
        }

        if (matched == 0)
        {
            if (removing && op == PatchOperationType.Remove)
            {
                ThrowIfRemoveOfAbsentFails(op, $"no value of '{attribute.Name}' matches [{filter}]");
                return;
            }

            if (op == PatchOperationType.Replace || !options.CreateOnFilteredAdd)
            {
                throw Error(ScimErrorType.NoTarget, $"no value of '{attribute.Name}' matches [{filter}]");
            }

            var created = ElementFromFilter(attribute, filter)
                ?? throw Error(ScimErrorType.NoTarget,
                    $"no value of '{attribute.Name}' matches [{filter}], and a new one can only be made from 'eq' comparisons joined by 'and'");
            if (sub is not null)
            {
                SetMember(created, sub, attribute, Coerce(sub, attribute, value!));
            }
            else
            {
                Merge(op, attribute, created, value!);
            }

            if (array is null)
            {
                array = [];
                Put(owner!, at, attribute.Name, array);
            }

            array.Add((JsonNode)created);
            changed = true;
            primary = IsTrue(Find(created, "primary")) ? created : null;
        }

        if (primary is not null)
        {
            ClearOtherPrimaries(array!, primary);
        }

        if (!changed)
        {
            return;
        }

        CheckChange(attribute, null, wasAssigned, removing: array!.Count == 0);
        if (array.Count == 0)
        {
            Drop(owner!, at, attribute.Name);
        }

        MarkChanged(resolution.Changed);
    }

    /// <summary>Removing the target, or replacing it with null: the attribute becomes unassigned (§3.5.2.2).</summary>
    private void Unassign(PatchOperationType op, PathResolution resolution, JsonObject? owner, int at, JsonNode? current)
    {
        if (!IsAssigned(current))
        {
            ThrowIfRemoveOfAbsentFails(op, $"'{resolution.Resolved.Attribute.Name}' has no value to remove");
            return;
        }

        CheckChange(resolution.Resolved.Attribute, null, wasAssigned: true, removing: true);
        owner!.RemoveAt(at);
        MarkChanged(resolution.Changed);
    }

    /// <summary>Merges the sub-attributes of a value object into a complex value; returns whether anything changed.</summary>
    private bool Merge(PatchOperationType op, SchemaAttribute attribute, JsonObject target, JsonNode value)
    {
        if (value is not JsonObject given)
        {
            if (IsPlainForComplex(attribute, value))
            {
                return SetMember(target, attribute.FindSubAttribute("value")!, attribute, Coerce(attribute.FindSubAttribute("value")!, attribute, value));
            }

            throw Error(ScimErrorType.InvalidValue, $"'{attribute.Name}' is complex; its value is an object of sub-attributes, not {Describe(value)}");
        }

        var changed = false;
        for (var i = 0; i < given.Count; i++)
        {
            var (name, node) = given.GetAt(i);
            var sub = attribute.FindSubAttribute(name);
            if (sub is null)
            {
                // Not in the schema: kept as sent, for the finaliser (the schema validator) to drop or refuse.
                if (node is not null || op == PatchOperationType.Replace)
                {
                    var before = Find(target, name, out var unknownAt);
                    if (!Same(before, node))
                    {
                        Set(target, unknownAt, name, node?.DeepClone());
                        changed = true;
                    }
                }

                continue;
            }

            // readOnly sub-attributes inside a value (manager.displayName) are the service provider's to set.
            if ((sub.Mutability == Mutability.ReadOnly && attribute.Mutability != Mutability.ReadOnly) || (node is null && op == PatchOperationType.Add))
            {
                continue;
            }

            changed |= SetMember(target, sub, attribute, node is null ? null : Coerce(sub, attribute, node));
        }

        return changed;
    }

    /// <summary>Writes one sub-attribute (null unassigns it) after the mutability checks; returns whether it changed.</summary>
    private bool SetMember(JsonObject target, SchemaAttribute sub, SchemaAttribute parent, JsonNode? proposed)
    {
        var current = Find(target, sub.Name, out var at);
        if (Same(current, proposed))
        {
            return false;
        }

        CheckChange(sub, parent, current, proposed);
        Set(target, at, sub.Name, proposed);
        return true;
    }

    /// <summary>A value added again (§3.5.2.1): its readWrite sub-attributes other than value and type take the new values; the rest stay.</summary>
    private bool MergeDuplicate(SchemaAttribute attribute, JsonObject existing, JsonObject incoming)
    {
        var changed = false;
        for (var i = 0; i < incoming.Count; i++)
        {
            var (name, node) = incoming.GetAt(i);
            var current = Find(existing, name, out var at);
            var sub = attribute.FindSubAttribute(name);

            // Only readWrite sub-attributes the schema defines are updated: value and type matched already (perhaps in
            // another case), immutable ones were fixed when the value was added (Okta re-adds members with a display),
            // and unknown ones would be dropped by the validator. So adding a member again is a no-op.
            if (sub is not { Mutability: Mutability.ReadWrite or Mutability.WriteOnly } || Same(current, node)
                || sub.Name is "value" or "type")
            {
                continue;
            }

            Set(existing, at, sub.Name, node!.DeepClone());
            changed = true;
        }

        return changed;
    }

    /// <summary>Replaces a whole element; its readOnly sub-attributes stay and its immutable ones must not change.</summary>
    private bool ReplaceElement(SchemaAttribute attribute, JsonArray array, int at, JsonObject existing, JsonObject replacement)
    {
        for (var i = 0; i < existing.Count; i++)
        {
            var (name, node) = existing.GetAt(i);
            if (attribute.FindSubAttribute(name) is not { } sub || !IsAssigned(node))
            {
                continue;
            }

            var proposed = Find(replacement, sub.Name, out _);
            if (sub.Mutability == Mutability.ReadOnly)
            {
                replacement[sub.Name] = node!.DeepClone();
            }
            else if (!Same(node, proposed))
            {
                CheckChange(sub, attribute, wasAssigned: true, removing: !IsAssigned(proposed));
            }
        }

        if (JsonNode.DeepEquals(existing, replacement))
        {
            return false;
        }

        array[at] = replacement;
        return true;
    }

    /// <summary>RFC 7644 §3.5.2: setting one value's <c>primary</c> to true sets it to false on the others.</summary>
    private static bool ClearOtherPrimaries(JsonArray array, JsonObject primary)
    {
        var changed = false;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject element && !ReferenceEquals(element, primary) && IsTrue(Find(element, "primary", out var at)))
            {
                element.SetAt(at, false);
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>A value filter names sub-attributes of the attribute only.</summary>
    private void CheckFilter(SchemaAttribute attribute, ScimFilter filter)
    {
        switch (filter)
        {
            case ComparisonFilter comparison:
                CheckFilterPath(attribute, comparison.Attribute);
                break;
            case PresentFilter present:
                CheckFilterPath(attribute, present.Attribute);
                break;
            case NotFilter not:
                CheckFilter(attribute, not.Operand);
                break;
            case LogicalFilter logical:
                foreach (var operand in logical.Operands)
                {
                    CheckFilter(attribute, operand);
                }

                break;
            default:
                throw Error(ScimErrorType.InvalidPath, $"the value filter of '{attribute.Name}' cannot hold another value filter");
        }
    }

    private void CheckFilterPath(SchemaAttribute attribute, AttributePath path)
    {
        if (path.SchemaUrn is not null || path.SubAttributeName is not null || attribute.FindSubAttribute(path.AttributeName) is null)
        {
            throw Error(ScimErrorType.InvalidPath, $"'{path}' in the value filter is not a sub-attribute of '{attribute.Name}'");
        }
    }

    /// <summary>The element a filter of <c>eq</c> comparisons joined by <c>and</c> describes, or null for any other filter.</summary>
    private JsonObject? ElementFromFilter(SchemaAttribute attribute, ScimFilter filter)
    {
        var element = new JsonObject();
        return Collect(filter) ? element : null;

        bool Collect(ScimFilter node)
        {
            switch (node)
            {
                case ComparisonFilter { Operator: ComparisonOperator.Equal } comparison when comparison.Value.Kind != ComparisonValueKind.Null:
                    var sub = attribute.FindSubAttribute(comparison.Attribute.AttributeName)!;
                    if (element.ContainsKey(sub.Name))
                    {
                        return false;
                    }

                    JsonNode literal = comparison.Value.Kind switch
                    {
                        ComparisonValueKind.String => JsonValue.Create(comparison.Value.Text)!,
                        ComparisonValueKind.Number => JsonValue.Create(comparison.Value.Number),
                        _ => JsonValue.Create(comparison.Value.Kind == ComparisonValueKind.True),
                    };
                    element[sub.Name] = Coerce(sub, attribute, literal);
                    return true;
                case AndFilter and:
                    foreach (var operand in and.Operands)
                    {
                        if (!Collect(operand))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>Writes a property at the position <see cref="PatchJson.Find(JsonObject, string, out int)"/> gave (or adds it under the schema's spelling); null removes it.</summary>
    private static void Set(JsonObject target, int at, string name, JsonNode? value)
    {
        if (IsAssigned(value))
        {
            Put(target, at, name, value);
        }
        else if (at >= 0)
        {
            target.RemoveAt(at);
        }
    }
}
