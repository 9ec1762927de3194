namespace Scim.LoadTest;

/// <summary>The phases of a run, in the order a cycle runs them.</summary>
public enum LoadPhase
{
    /// <summary>The GET-then-POST mix on the plain baseline table (no SCIM).</summary>
    Baseline,

    /// <summary>Initial cycle: per user a <c>userName eq</c> lookup, then the create.</summary>
    InitialUsers,

    /// <summary>The baseline's lookups of rows that exist (<c>GET ?userName=</c>), alternating with <see cref="Lookups"/>.</summary>
    BaselineLookups,

    /// <summary>SCIM's <c>userName eq</c> lookups of users that exist, alone: the filtered GET's own cost, no create beside it.</summary>
    Lookups,

    /// <summary>Initial cycle: per group a <c>displayName eq</c> lookup, then the create without members.</summary>
    InitialGroups,

    /// <summary>Initial cycle: the Add-members PATCHes.</summary>
    InitialMembers,

    /// <summary>Incremental cycle: users changed, disabled and deleted.</summary>
    Incremental,

    /// <summary>Everything read back through the admin API and compared with what was sent.</summary>
    Verify,

    /// <summary>Large-groups mode: one member added and removed on a large and a small group.</summary>
    LargeGroups,
}
