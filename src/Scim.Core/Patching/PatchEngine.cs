using System.Text.Json.Nodes;
using Scim.Core.Errors;
using Scim.Core.Resources;
using Scim.Core.Schema;

namespace Scim.Core.Patching;

/// <summary>
/// Applies PATCH requests (RFC 7644 §3.5.2) to resources, driven by the schemas of the resource's type: <c>add</c>,
/// <c>replace</c> and <c>remove</c>, with and without <c>path</c>, through every path form (<c>attr</c>,
/// <c>attr.sub</c>, URN-qualified, <c>attr[filter]</c>, <c>attr[filter].sub</c>), and the shapes Entra ID, Okta and
/// others really send (see <see cref="PatchOptions"/>).
/// </summary>
/// <remarks>
/// <para>
/// Atomic (§3.5.2): the operations are applied in order to a deep copy of the resource's JSON, so the resource passed
/// in is never changed; if one fails, nothing is kept and a <see cref="ScimException"/> names the operation by its
/// zero-based index, op and path: <c>Operation 2 (replace emails[type eq "work"].value): ...</c>.
/// </para>
/// <para>The rules, with the <c>scimType</c> of each failure:</para>
/// <list type="bullet">
/// <item><c>add</c> to a multi-valued attribute appends each value unless the same value is there (same <c>value</c>,
/// and same <c>type</c> when both have one); the sub-attributes given for such a value are merged into it.</item>
/// <item><c>add</c> or <c>replace</c> of a single-valued complex attribute merges the given sub-attributes; the others
/// stay. <c>replace</c> of a multi-valued attribute with no filter replaces all its values.</item>
/// <item><c>replace</c> through a value filter replaces each matching value whole (RFC example
/// <c>addresses[type eq "work"]</c>), or with a sub-attribute that sub-attribute of each; no match is
/// <c>noTarget</c>. <c>remove</c> through a filter removes exactly the matching values.</item>
/// <item><c>remove</c> with no path is <c>noTarget</c>. Removing (or emptying) a required attribute, or changing a
/// readOnly attribute (<c>id</c>, <c>meta</c>) or an immutable one that has a value, is <c>mutability</c>; writing a
/// value equal to the current one is not a change and is allowed (Okta renames a group with
/// <c>{"id":"&lt;same id&gt;","displayName":"new"}</c>). readOnly sub-attributes inside a written value
/// (<c>manager.displayName</c>) are left out.</item>
/// <item>With no path, each key of the value object is applied as if it were the path, including schema URN keys
/// holding an object of extension attributes.</item>
/// <item>A new <c>value</c> for a complex attribute drops the readOnly sub-attributes that described the old one
/// (<c>manager.displayName</c>); Entra ID's manager id sent again unchanged is no change. The same value twice in a
/// replaced list is kept once.</item>
/// <item>Setting <c>primary</c> to true on one value sets it to false on the others. A multi-valued attribute left with
/// no values, a complex attribute left with no sub-attributes and an extension left with no attributes are removed
/// (unassigned), and <c>schemas</c> follows the extensions present.</item>
/// <item>Unknown attributes and sub-attributes in a path, value filters on anything but a multi-valued complex
/// attribute, and a sub-attribute of a multi-valued attribute without a filter are <c>invalidPath</c>; a value of the
/// wrong JSON type is <c>invalidValue</c>. Sub-attributes a value carries that the schema does not define are passed
/// on to the finaliser.</item>
/// </list>
/// <para>
/// The engine does not touch <c>meta</c>; the store sets <c>lastModified</c> and <c>version</c> when it writes a
/// changed resource. An instance is immutable and safe to share between threads. It only reads the resource passed
/// in, though reading the top level of a lazily parsed <see cref="System.Text.Json.Nodes.JsonObject"/> builds its
/// property table (which makes every later copy cheap), so do not apply to one resource from several threads at once.
/// </para>
/// </remarks>
public sealed partial class PatchEngine
{
    private readonly Func<ScimResource, JsonObject, ScimResource>? _finalise;

    /// <summary>Creates an engine.</summary>
    /// <param name="registry">The schemas and resource types; every resource passed to <see cref="Apply"/> must be of a type registered here.</param>
    /// <param name="options">Limits and compatibility switches; <see cref="PatchOptions.Default"/> when <see langword="null"/>.</param>
    /// <param name="finalise">
    /// Called with the original resource and the patched JSON when a request changed something; it returns the
    /// resource to store and may throw <see cref="ScimException"/>. Pass the schema validator's
    /// <c>ValidateForReplace</c> here so the result is coerced, normalised and checked like a PUT. When
    /// <see langword="null"/>, the patched JSON is wrapped as it is.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> is <see langword="null"/>.</exception>
    public PatchEngine(SchemaRegistry registry, PatchOptions? options = null, Func<ScimResource, JsonObject, ScimResource>? finalise = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        Options = options ?? PatchOptions.Default;
        _finalise = finalise;
    }

    /// <summary>The schemas the engine resolves paths with.</summary>
    public SchemaRegistry Registry { get; }

    /// <summary>The limits and compatibility switches in force.</summary>
    public PatchOptions Options { get; }

    /// <summary>Applies every operation of <paramref name="request"/> to a copy of <paramref name="resource"/>, or none.</summary>
    /// <param name="resource">The current resource; it is not changed.</param>
    /// <param name="request">The parsed request.</param>
    /// <returns>The patched copy, whether it changed, and which attributes changed.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ScimException">
    /// An operation cannot be applied (400 <c>noTarget</c>, <c>mutability</c>, <c>invalidPath</c>, <c>invalidValue</c>, or
    /// <c>tooMany</c> for a request built in code with more than <see cref="PatchOptions.MaxOperations"/> operations), or
    /// the finaliser refused the result.
    /// </exception>
    public PatchResult Apply(ScimResource resource, PatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(request);
        var operations = request.Operations;
        if (operations.Length > Options.MaxOperations)
        {
            throw new ScimException(400, ScimErrorType.TooMany,
                $"The request has {operations.Length} operations; this server accepts at most {Options.MaxOperations} in one request.");
        }

        var type = resource.ResourceType;

        // Reading the top level of a lazily parsed resource once makes every copy of it cheap: the copy then reuses the
        // property names and wraps the untouched values, instead of decoding them from the JSON again (4x faster).
        _ = resource.Json.Count;
        var json = (JsonObject)resource.Json.DeepClone();
        var session = new PatchSession(Registry, Options, request, type, json);
        for (var index = 0; index < operations.Length; index++)
        {
            session.Apply(index);
        }

        session.Finish();
        if (!session.Changed)
        {
            return new PatchResult(new ScimResource(type, json), false, []);
        }

        var patched = _finalise is null ? new ScimResource(type, json) : _finalise(resource, json);
        return new PatchResult(patched, true, session.ChangedAttributes);
    }
}
