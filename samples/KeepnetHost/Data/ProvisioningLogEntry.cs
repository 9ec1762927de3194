namespace KeepnetHost.Data;

/// <summary>
/// The outcome of one SCIM request, kept for the provisioning log: never the token, never a body; only the method,
/// path, the resource's <c>userName</c> or <c>displayName</c>, and the status, <c>scimType</c> and detail of an error.
/// </summary>
public sealed class ProvisioningLogEntry
{
    public long Id { get; set; }

    /// <summary>The company of the token, or <see langword="null"/> when the request had no valid token (it names no company).</summary>
    public string? CompanyId { get; set; }

    /// <summary>The SCIM setting of the token, or <see langword="null"/> like <see cref="CompanyId"/>.</summary>
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
