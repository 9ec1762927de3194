namespace KeepnetHost.Data;

/// <summary>Fills a custom field from a SCIM attribute path, e.g. <c>addresses[type eq "work"].country</c> → "Country / Region".</summary>
public sealed class FieldMapping
{
    public long Id { get; set; }

    public required string ScimSettingId { get; set; }

    public required string ScimPath { get; set; }

    public required string CustomFieldId { get; set; }

    public CustomField? CustomField { get; set; }
}
