using Scim.Core.Filtering;

namespace Scim.Core.Patching;

/// <summary>
/// Limits and client-compatibility switches for PATCH (RFC 7644 §3.5.2). Every switch is on by default, because real
/// identity providers (Microsoft Entra ID in both its default mode and <c>aadOptscim062020</c>, Okta, OneLogin,
/// JumpCloud) send these shapes; <see cref="Strict"/> turns them all off for the literal RFC behaviour.
/// </summary>
public sealed record PatchOptions
{
    /// <summary>The default limits with every compatibility switch on.</summary>
    public static PatchOptions Default { get; } = new();

    /// <summary>The default limits with every compatibility switch off: the RFC read literally.</summary>
    public static PatchOptions Strict { get; } = Default.AsStrict();

    /// <summary>
    /// The most operations one request may carry; more is 400 <c>tooMany</c> before any operation is read. Default
    /// 1,000. Report it to clients with the <c>patch</c> entry of ServiceProviderConfig.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int MaxOperations
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxOperations), value, "Must be positive.");
    } = 1000;

    /// <summary>Length and nesting limits for each <c>path</c> and its value filter.</summary>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    public ScimFilterOptions PathOptions
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(PathOptions));
    } = ScimFilterOptions.Default;

    /// <summary>
    /// Entra ID's default-mode member removal, <c>{"op":"Remove","path":"members","value":[{"value":"&lt;id&gt;"}]}</c>:
    /// a <c>remove</c> of a multi-valued attribute with no filter but with a <c>value</c> removes exactly the listed
    /// values (matched like duplicates on <c>add</c>: by <c>value</c>, and by <c>type</c> when both have one). Off, the
    /// RFC applies literally: the <c>value</c> is ignored and every value is removed (§3.5.2.2).
    /// </summary>
    public bool RemoveByValue { get; init; } = true;

    /// <summary>
    /// Entra ID's <c>add</c> through a value filter that matches nothing, e.g.
    /// <c>{"op":"Add","path":"addresses[type eq \"work\"].country","value":"US"}</c> on a user with no work address:
    /// a new element is made from the filter's <c>eq</c> comparisons (<c>{"type":"work","country":"US"}</c>), so several
    /// such operations in one request build one element. Off (the RFC leaves it open), it is 400 <c>noTarget</c>.
    /// <c>replace</c> through a filter that matches nothing is always <c>noTarget</c> (§3.5.2.3).
    /// </summary>
    public bool CreateOnFilteredAdd { get; init; } = true;

    /// <summary>
    /// A plain value for a complex attribute that has a <c>value</c> sub-attribute becomes <c>{"value": ...}</c>: Entra ID
    /// sends the enterprise <c>manager</c> as the manager's id string and expects <c>"manager":{"value":"&lt;id&gt;"}</c>
    /// back. Off, it is 400 <c>invalidValue</c>.
    /// </summary>
    public bool WrapPlainValues { get; init; } = true;

    /// <summary>
    /// The strings <c>"True"</c> and <c>"False"</c> (any case) are booleans for boolean attributes: Entra ID's default
    /// mode disables a user with <c>{"op":"Replace","path":"active","value":"False"}</c>, and OneLogin templates send
    /// <c>"active":"true"</c>. Off, they are 400 <c>invalidValue</c>.
    /// </summary>
    public bool CoerceStringBooleans { get; init; } = true;

    /// <summary>
    /// A single value where an array is expected is a one-element array (OneLogin sends <c>emails</c> as one object),
    /// and a one-element array where a single value is expected is that value (Entra ID's legacy
    /// <c>{"op":"Add","path":"manager","value":[{"value":"&lt;id&gt;"}]}</c>). Off, either is 400 <c>invalidValue</c>.
    /// </summary>
    public bool LenientArrays { get; init; } = true;

    /// <summary>
    /// In an <c>add</c> or <c>replace</c> with no <c>path</c>, keys of the value object may be paths: dotted
    /// (<c>"name.givenName"</c>) or URN-qualified (<c>"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"</c>),
    /// as Entra ID's <c>aadOptscim062020</c> mode sends them; they are applied as paths, never stored as literal keys.
    /// Off, only attribute names and whole schema URNs (with an object of attributes) are keys, as in RFC 7644 §3.5.2.1.
    /// </summary>
    public bool AllowPathKeys { get; init; } = true;

    /// <summary>
    /// A <c>remove</c> whose target has no value (an unassigned attribute, or a value filter that matches nothing, e.g.
    /// <c>members[value eq "&lt;id&gt;"]</c> for someone who is not a member) changes nothing and succeeds, so a client's
    /// retry or a stale view of the resource does not fail the whole request. Off, it is 400 <c>noTarget</c>, the
    /// RFC 7644 §3.12 reading of "a filter that yields no match".
    /// </summary>
    public bool IgnoreRemoveOfAbsent { get; init; } = true;

    /// <summary>These options with every compatibility switch off and the limits kept.</summary>
    /// <returns>A copy that reads RFC 7644 §3.5.2 literally.</returns>
    public PatchOptions AsStrict() => this with
    {
        RemoveByValue = false,
        CreateOnFilteredAdd = false,
        WrapPlainValues = false,
        CoerceStringBooleans = false,
        LenientArrays = false,
        AllowPathKeys = false,
        IgnoreRemoveOfAbsent = false,
    };
}
