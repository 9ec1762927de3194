using KeepnetHost.Data;
using Scim.Core.Paths;

namespace KeepnetHost.Platform;

/// <summary>A SCIM setting as its rules need it: the parsed field mappings, the grouping options and the company's licence policy.</summary>
public sealed record SettingRules(
    string Id,
    string CompanyId,
    LicensePolicy LicensePolicy,
    string? GroupName,
    string? GroupBy,
    bool SyncPlatformGroup,
    IReadOnlyList<(string Field, AttributePath Path)> Mappings);
