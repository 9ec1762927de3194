using System.Text;

namespace KeepnetHost.Data;

/// <summary>A new user and its e-mail addresses written with one SQL command.</summary>
/// <remarks>
/// A create is the hottest write (Entra's initial cycle) and, on SQLite, every write waits for one write turn: EF
/// Core's change tracker and update pipeline took about a third of that turn in the load test's profile.
/// </remarks>
internal static class UserRows
{
    private const string InsertUser = """
        INSERT INTO "Users" ("Id", "CompanyId", "ScimSettingId", "UserName", "UserNameKey", "ExternalId", "Email", "FirstName",
            "LastName", "DisplayName", "Title", "Department", "EmployeeNumber", "Phone", "PreferredLanguage", "ManagerId", "TimeZone",
            "Status", "Active", "CustomFieldsJson", "ScimJson", "Version", "Created", "LastModified") VALUES
        """;

    /// <summary>
    /// Runs in the context's current transaction; without one, as a write of its own
    /// (<see cref="KeepnetDbContext.ExecuteAloneAsync"/>).
    /// </summary>
    public static Task InsertAsync(KeepnetDbContext db, TargetUser user, CancellationToken cancellationToken)
    {
        List<object?> values =
        [
            user.Id, user.CompanyId, user.ScimSettingId, user.UserName, user.UserNameKey, user.ExternalId, user.Email, user.FirstName,
            user.LastName, user.DisplayName, user.Title, user.Department, user.EmployeeNumber, user.Phone, user.PreferredLanguage,
            user.ManagerId, user.TimeZone, user.Status.ToString(), user.Active, user.CustomFieldsJson, user.ScimJson, user.Version,
            user.Created, user.LastModified,
        ];
        var sql = new StringBuilder(InsertUser).Append(RawSql.Row(0, values.Count)).Append(';');
        foreach (var email in user.Emails)
        {
            sql.Append("""INSERT INTO "UserEmails" ("UserId", "Value", "Type", "Primary") VALUES """).Append(RawSql.Row(values.Count, 4)).Append(';');
            values.AddRange([email.UserId, email.Value, email.Type, email.Primary]);
        }

        return db.Database.CurrentTransaction is null
            ? db.ExecuteAloneAsync(sql.ToString(), values, cancellationToken)
            : db.ExecuteAsync(sql.ToString(), values, cancellationToken);
    }
}
