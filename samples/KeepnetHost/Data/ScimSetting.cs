namespace KeepnetHost.Data;

/// <summary>One SCIM connection of a company (one identity provider app): its token, field mappings and grouping.</summary>
public sealed class ScimSetting
{
    public string Id { get; set; } = ResourceIds.New();

    public required string CompanyId { get; set; }

    /// <summary>1 to 30 characters, unique in the company.</summary>
    public required string Name { get; set; }

    /// <summary>SHA-256 of the bearer token; the token itself is shown once and never stored.</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>The target group every user goes into (or, with <see cref="GroupBy"/>, users with no value).</summary>
    public string? GroupName { get; set; }

    /// <summary><c>Department</c> or the name of a mapped custom field: one platform group per distinct value.</summary>
    public string? GroupBy { get; set; }

    /// <summary>Whether SCIM groups are mirrored as platform groups.</summary>
    public bool SyncPlatformGroup { get; set; }

    public DateTime Created { get; set; }

    public List<FieldMapping> FieldMappings { get; set; } = [];
}
