using System.Security.Claims;

namespace Scim.Core.Stores;

/// <summary>Who a store operation is for: the authenticated caller, from which the host derives its tenant.</summary>
/// <param name="Principal">The caller as the host authenticated it.</param>
public sealed record StoreContext(ClaimsPrincipal Principal)
{
    /// <summary>A context with no identity, for tests and single-tenant hosts.</summary>
    public static StoreContext Anonymous { get; } = new(new ClaimsPrincipal(new ClaimsIdentity()));
}
