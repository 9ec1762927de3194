using System.Text.Json.Nodes;
using KeepnetHost.Data;
using Microsoft.AspNetCore.Http;
using Scim.Core.Errors;
using Scim.Core.Paths;
using Scim.Core.Querying;

namespace KeepnetHost.Platform;

/// <summary>
/// What the platform keeps of a SCIM user, derived by its rules from the resource as the identity provider sent it:
/// the mandatory mail, the default fields, the custom fields of the setting's mappings, and the time zone.
/// </summary>
public sealed record UserProfile(
    string Email,
    IReadOnlyList<UserEmail> Emails,
    string? FirstName,
    string? LastName,
    string? DisplayName,
    string? Title,
    string? Department,
    string? EmployeeNumber,
    string? Phone,
    string? PreferredLanguage,
    string? ManagerId,
    string? TimeZoneSent,
    string? TimeZone,
    bool Active,
    IReadOnlyDictionary<string, string> CustomFields)
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static readonly AttributePath GivenName = AttributePath.Parse("name.givenName");
    private static readonly AttributePath FamilyName = AttributePath.Parse("name.familyName");
    private static readonly AttributePath DepartmentPath = AttributePath.Parse(Enterprise + ":department");
    private static readonly AttributePath EmployeeNumberPath = AttributePath.Parse(Enterprise + ":employeeNumber");
    private static readonly AttributePath ManagerPath = AttributePath.Parse(Enterprise + ":manager.value");
    private static readonly AttributePath WorkPhone = AttributePath.Parse("phoneNumbers[type eq \"work\"].value");
    private static readonly AttributePath AnyPhone = AttributePath.Parse("phoneNumbers.value");
    private static readonly AttributePath EmailsPath = AttributePath.Parse("emails");
    private static readonly AttributePath TimeZonePath = AttributePath.Parse("timezone");
    private static readonly AttributePath DisplayNamePath = AttributePath.Parse("displayName");
    private static readonly AttributePath TitlePath = AttributePath.Parse("title");
    private static readonly AttributePath PreferredLanguagePath = AttributePath.Parse("preferredLanguage");

    /// <summary>Applies the platform's rules to a validated SCIM user.</summary>
    /// <exception cref="ScimException">400 <c>invalidValue</c> when the user has no email: mail is mandatory on the platform.</exception>
    public static UserProfile From(JsonObject user, IReadOnlyList<(string Field, AttributePath Path)> mappings, CountryTimeZones zones)
    {
        var emails = ReadEmails(user);
        var email = (emails.FirstOrDefault(e => "work".Equals(e.Type, StringComparison.OrdinalIgnoreCase))
            ?? emails.FirstOrDefault(e => e.Primary)
            ?? (emails.Count == 1 ? emails[0] : null))?.Value;
        if (string.IsNullOrWhiteSpace(email))
        {
            throw new ScimException(StatusCodes.Status400BadRequest, ScimErrorType.InvalidValue,
                "emails: the platform needs a work email (emails[type eq \"work\"].value), or a primary or only email; " +
                "map Entra's 'mail' attribute to it.");
        }

        var custom = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, path) in mappings)
        {
            if (AttributeValues.FirstString(user, path) is { Length: > 0 } value)
            {
                custom[field] = value;
            }
        }

        var timeZoneSent = AttributeValues.FirstString(user, TimeZonePath);
        return new UserProfile(
            email.Trim(),
            emails,
            AttributeValues.FirstString(user, GivenName),
            AttributeValues.FirstString(user, FamilyName),
            AttributeValues.FirstString(user, DisplayNamePath),
            AttributeValues.FirstString(user, TitlePath),
            AttributeValues.FirstString(user, DepartmentPath),
            AttributeValues.FirstString(user, EmployeeNumberPath),
            AttributeValues.FirstString(user, WorkPhone) ?? AttributeValues.FirstString(user, AnyPhone),
            AttributeValues.FirstString(user, PreferredLanguagePath),
            AttributeValues.FirstString(user, ManagerPath),
            timeZoneSent,
            zones.Resolve(timeZoneSent),
            user["active"] is not JsonValue active || !active.TryGetValue<bool>(out var isActive) || isActive,
            custom);
    }

    /// <summary>The value a setting groups by: <c>Department</c>, or the custom field of that name.</summary>
    public string? GroupingValue(string groupBy) =>
        groupBy.Equals("Department", StringComparison.OrdinalIgnoreCase) ? Department : CustomFields.GetValueOrDefault(groupBy);

    private static List<UserEmail> ReadEmails(JsonObject user)
    {
        var emails = new List<UserEmail>();
        foreach (var node in AttributeValues.Select(user, EmailsPath))
        {
            if (node is JsonObject email && email["value"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
            {
                emails.Add(new UserEmail
                {
                    UserId = string.Empty,
                    Position = emails.Count,
                    Value = text,
                    Type = email["type"] is JsonValue type && type.TryGetValue<string>(out var t) ? t : null,
                    Primary = email["primary"] is JsonValue primary && primary.TryGetValue<bool>(out var p) && p,
                });
            }
        }

        return emails;
    }
}
