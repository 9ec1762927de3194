namespace KeepnetHost.Data;

/// <summary>A target user's state on the platform.</summary>
public enum UserStatus
{
    /// <summary>Receives simulations and counts against the licence.</summary>
    Active,

    /// <summary><c>active: false</c> from the identity provider: data kept, nothing sent, not counted.</summary>
    Inactive,

    /// <summary>DELETE from the identity provider: kept for reporting, gone from SCIM (404) and from every group.</summary>
    Deleted,
}
