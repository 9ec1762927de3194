using System.Text.Json.Serialization;

namespace KeepnetHost.Data;

/// <summary>
/// The outcome of one SCIM request, kept for the provisioning log: never the token, never a body; only the method,
/// path, the resource's <c>userName</c> or <c>displayName</c>, and the status, <c>scimType</c> and detail of an error.
/// Stored in the JSON of a <see cref="ProvisioningLogPage"/>, which names the company and setting.
/// </summary>
public sealed class ProvisioningLogEntry
{
    /// <summary>The company of the token, or <see langword="null"/> when the request had no valid token (it names no company).</summary>
    [JsonIgnore]
    public string? CompanyId { get; set; }

    /// <summary>The SCIM setting of the token, or <see langword="null"/> like <see cref="CompanyId"/>.</summary>
    [JsonIgnore]
    public string? SettingId { get; set; }

    public DateTime Time { get; set; }

    public required string Method { get; set; }

    /// <summary>The path and query, at most 512 characters.</summary>
    public required string Path { get; set; }

    /// <summary>The <c>userName</c> (users) or <c>displayName</c> (groups) a POST or PUT sent, so a failure names its person.</summary>
    public string? Resource { get; set; }

    public int Status { get; set; }

    public string? ScimType { get; set; }

    public string? Detail { get; set; }
}
