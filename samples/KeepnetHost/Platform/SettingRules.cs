using Scim.Core.Paths;

namespace KeepnetHost.Platform;

/// <summary>A SCIM setting as its rules need it: the parsed field mappings and the grouping options.</summary>
public sealed record SettingRules(
    string Id,
    string CompanyId,
    string? GroupName,
    string? GroupBy,
    bool SyncPlatformGroup,
    IReadOnlyList<(string Field, AttributePath Path)> Mappings);
