namespace KeepnetHost.Data;

/// <summary>A company's own column on Target Users ("Country / Region"), filled by a SCIM setting's field mapping.</summary>
public sealed class CustomField
{
    public string Id { get; set; } = ResourceIds.New();

    public required string CompanyId { get; set; }

    /// <summary>At most 64 characters, unique in the company (ignoring case).</summary>
    public required string Name { get; set; }
}
