using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Scim.Core.Filtering;
using Scim.Core.Paths;
using Scim.Core.Schema;

namespace Scim.Core.Patching;

/// <summary>Membership push-down: member adds and removes a store can apply without loading the group.</summary>
public sealed partial class PatchEngine
{
    /// <summary>
    /// Recognises a request made only of member adds and removes, with the default options; see
    /// <see cref="TryGetMemberChanges(PatchRequest, PatchOptions?, out MemberChanges?)"/>.
    /// </summary>
    /// <param name="request">The parsed request.</param>
    /// <param name="changes">The net member changes, when the request is only that.</param>
    /// <returns>Whether the request is only member adds and removes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static bool TryGetMemberChanges(PatchRequest request, [NotNullWhen(true)] out MemberChanges? changes) =>
        TryGetMemberChanges(request, null, out changes);

    /// <summary>
    /// Recognises a request made only of member adds and removes, so that a store can apply it to a group of any size
    /// without loading the group: it costs O(size of the request), never of the group. The shapes recognised, on
    /// <c>members</c> (or <c>urn:ietf:params:scim:schemas:core:2.0:Group:members</c>):
    /// <list type="bullet">
    /// <item><c>{"op":"add","path":"members","value":[{"value":"&lt;id&gt;"}, ...]}</c> (Entra ID adds <c>"$ref":null</c>,
    /// Okta <c>"display"</c>; <c>type</c> may be given);</item>
    /// <item><c>{"op":"remove","path":"members[value eq \"&lt;id&gt;\"]"}</c>, also with several <c>value eq</c> joined by
    /// <c>or</c> (RFC 7644 §3.5.2.2, Okta, Entra ID <c>aadOptscim062020</c>);</item>
    /// <item><c>{"op":"Remove","path":"members","value":[{"value":"&lt;id&gt;"}]}</c> (Entra ID's default mode), when
    /// <see cref="PatchOptions.RemoveByValue"/> is on.</item>
    /// </list>
    /// Anything else (a replace, a remove of all members, a member with other sub-attributes or a non-string value)
    /// returns <see langword="false"/>: load the group and use <see cref="Apply"/>.
    /// </summary>
    /// <remarks>
    /// A store that takes this path must do what <see cref="Apply"/> would: add only values that are not members yet,
    /// remove only values that are, change the version only when it did either, and check that each added id names a
    /// resource it accepts as a member (and which type it is). Member values compare as the RFC 7643 Group schema says
    /// (<c>members.value</c> is caseExact false), as <see cref="Apply"/> compares them.
    /// </remarks>
    /// <param name="request">The parsed request.</param>
    /// <param name="options">The switches the request was parsed for; <see cref="PatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="changes">The net member changes, when the request is only that.</param>
    /// <returns>Whether the request is only member adds and removes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    public static bool TryGetMemberChanges(PatchRequest request, PatchOptions? options, [NotNullWhen(true)] out MemberChanges? changes)
    {
        ArgumentNullException.ThrowIfNull(request);
        options ??= PatchOptions.Default;
        changes = null;

        // The last operation on a value decides: adding a member and removing it again leaves it out.
        var last = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var operation in request.Operations)
        {
            if (operation.Path is not { SubAttributeName: null } path || !IsMembers(path))
            {
                return false;
            }

            var recognised = operation.Op switch
            {
                PatchOperationType.Add when path.ValueFilter is null && operation.Value is not null =>
                    CollectMembers(operation.Value, options, add: true, last, order),
                PatchOperationType.Remove when path.ValueFilter is { } filter => CollectFilter(filter, last, order),
                PatchOperationType.Remove when operation.Value is not null && options.RemoveByValue =>
                    CollectMembers(operation.Value, options, add: false, last, order),
                _ => false,
            };
            if (!recognised)
            {
                return false;
            }
        }

        var added = ImmutableArray.CreateBuilder<string>();
        var removed = ImmutableArray.CreateBuilder<string>();
        foreach (var value in order)
        {
            (last[value] ? added : removed).Add(value);
        }

        changes = new MemberChanges(added.ToImmutable(), removed.ToImmutable());
        return true;
    }

    private static bool IsMembers(AttributePath path) =>
        string.Equals(path.AttributeName, "members", StringComparison.OrdinalIgnoreCase)
        && (path.SchemaUrn is null || string.Equals(path.SchemaUrn, SchemaUrns.Group, StringComparison.OrdinalIgnoreCase));

    private static bool CollectMembers(JsonNode value, PatchOptions options, bool add, Dictionary<string, bool> last, List<string> order)
    {
        if (value is not JsonArray members)
        {
            return options.LenientArrays && value is JsonObject && CollectMember(value, options, add, last, order);
        }

        foreach (var member in members)
        {
            if (member is not null && !CollectMember(member, options, add, last, order))
            {
                return false;
            }
        }

        return true;
    }

    private static bool CollectMember(JsonNode member, PatchOptions options, bool add, Dictionary<string, bool> last, List<string> order)
    {
        if (member is JsonValue plain)
        {
            return options.WrapPlainValues && PatchJson.AsString(plain) is { Length: > 0 } id && Note(id, add, last, order);
        }

        if (member is not JsonObject complex)
        {
            return false;
        }

        string? value = null;
        for (var i = 0; i < complex.Count; i++)
        {
            var (name, node) = complex.GetAt(i);
            if (string.Equals(name, "value", StringComparison.OrdinalIgnoreCase))
            {
                value = PatchJson.AsString(node);
            }
            else if (!(name.Equals("$ref", StringComparison.OrdinalIgnoreCase) || name.Equals("display", StringComparison.OrdinalIgnoreCase)
                || name.Equals("type", StringComparison.OrdinalIgnoreCase))
                || node is not (null or JsonValue))
            {
                return false;
            }
        }

        return value is { Length: > 0 } && Note(value, add, last, order);
    }

    private static bool CollectFilter(ScimFilter filter, Dictionary<string, bool> last, List<string> order)
    {
        switch (filter)
        {
            case ComparisonFilter { Operator: ComparisonOperator.Equal, Value.Kind: ComparisonValueKind.String } comparison
                when comparison.Attribute is { SchemaUrn: null, SubAttributeName: null, ValueFilter: null }
                     && string.Equals(comparison.Attribute.AttributeName, "value", StringComparison.OrdinalIgnoreCase)
                     && comparison.Value.Text!.Length > 0:
                return Note(comparison.Value.Text, add: false, last, order);
            case OrFilter or:
                foreach (var operand in or.Operands)
                {
                    if (!CollectFilter(operand, last, order))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static bool Note(string value, bool add, Dictionary<string, bool> last, List<string> order)
    {
        if (!last.ContainsKey(value))
        {
            order.Add(value);
        }

        last[value] = add;
        return true;
    }
}
