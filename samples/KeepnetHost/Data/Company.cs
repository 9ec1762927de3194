namespace KeepnetHost.Data;

/// <summary>A customer of the platform: its people, groups, SCIM settings and licence.</summary>
public sealed class Company
{
    public string Id { get; set; } = ResourceIds.New();

    public required string Name { get; set; }

    /// <summary>How many Active target users the company pays for.</summary>
    public int LicenseCount { get; set; }

    public LicensePolicy LicensePolicy { get; set; } = LicensePolicy.Warn;

    public DateTime Created { get; set; }

    public List<CustomField> CustomFields { get; set; } = [];

    public List<ScimSetting> ScimSettings { get; set; } = [];
}
