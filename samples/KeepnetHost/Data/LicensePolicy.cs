namespace KeepnetHost.Data;

/// <summary>What happens when a company has more Active users than its licence.</summary>
public enum LicensePolicy
{
    /// <summary>The platform's default: the user is created and the admin API shows the overage.</summary>
    Warn,

    /// <summary>Creating or re-activating a user past the limit is refused, and nothing is stored.</summary>
    Enforce,
}
