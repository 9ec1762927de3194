namespace KeepnetHost.Data;

/// <summary>
/// The provisioning log entries of one SCIM setting that one batch of the log's writer carried, stored as one row.
/// </summary>
/// <remarks>
/// A row per request cost every request an insert, its index entry and later a delete: about 10 µs of the host's CPU
/// per request on SQLite, some 4% of a SCIM GET. With one row per setting per batch the log's writer takes about half
/// that. Nothing queries inside a page: the log is read whole, a setting's newest pages first.
/// </remarks>
public sealed class ProvisioningLogPage
{
    public long Id { get; set; }

    /// <summary>The company of the entries' token, or <see langword="null"/> for requests without a valid token.</summary>
    public string? CompanyId { get; set; }

    /// <summary>The SCIM setting of the entries' token, or <see langword="null"/> like <see cref="CompanyId"/>.</summary>
    public string? SettingId { get; set; }

    /// <summary>How many entries <see cref="Entries"/> holds.</summary>
    public int Count { get; set; }

    /// <summary>The entries as a JSON array in UTF-8, oldest first (see <see cref="ProvisioningLogJson"/>).</summary>
    /// <remarks>Bytes rather than a string: a full batch of one setting is some 50 KB of JSON, which as UTF-16 would land on the large object heap.</remarks>
    public required byte[] Entries { get; set; }
}
