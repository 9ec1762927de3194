using System.Text;

namespace KeepnetHost.Data;

/// <summary>A user and its e-mail addresses written with one SQL command: a create, or the write of a PATCH or PUT.</summary>
/// <remarks>
/// A create is the hottest write (Entra's initial cycle) and, on SQLite, every write waits for one write turn: EF
/// Core's change tracker and update pipeline took about a third of that turn in the load test's profile. For a PATCH,
/// the update pipeline (preparing the user's UPDATE and the e-mails' DELETE and INSERT) was about a fifth of the host's
/// CPU in the load test's incremental cycle.
/// </remarks>
internal static class UserRows
{
    private const string InsertUser = """
        INSERT INTO "Users" ("Id", "CompanyId", "ScimSettingId", "UserName", "UserNameKey", "ExternalId", "Email", "FirstName",
            "LastName", "DisplayName", "Title", "Department", "EmployeeNumber", "Phone", "PreferredLanguage", "ManagerId", "TimeZone",
            "Status", "Active", "CustomFieldsJson", "ScimJson", "Version", "Created", "LastModified") VALUES
        """;

    private const string UpdateUser = """
        UPDATE "Users" SET "ScimSettingId" = @p0, "UserName" = @p1, "UserNameKey" = @p2, "ExternalId" = @p3, "Email" = @p4,
            "FirstName" = @p5, "LastName" = @p6, "DisplayName" = @p7, "Title" = @p8, "Department" = @p9, "EmployeeNumber" = @p10,
            "Phone" = @p11, "PreferredLanguage" = @p12, "ManagerId" = @p13, "TimeZone" = @p14, "Status" = @p15, "Active" = @p16,
            "CustomFieldsJson" = @p17, "ScimJson" = @p18, "Version" = @p19, "LastModified" = @p20
        WHERE "Id" = @p21 AND "Version" = @p22 RETURNING "Version";
        DELETE FROM "UserEmails" WHERE "UserId" = @p23;
        """;

    /// <summary>
    /// Writes the user's columns and replaces its e-mails, in the context's current transaction, if the row is still at
    /// <paramref name="readVersion"/>; <see langword="false"/> (the transaction must then roll back) when another writer
    /// changed it since.
    /// </summary>
    public static Task<bool> UpdateAsync(KeepnetDbContext db, TargetUser user, long readVersion, CancellationToken cancellationToken)
    {
        List<object?> values =
        [
            user.ScimSettingId, user.UserName, user.UserNameKey, user.ExternalId, user.Email, user.FirstName, user.LastName,
            user.DisplayName, user.Title, user.Department, user.EmployeeNumber, user.Phone, user.PreferredLanguage, user.ManagerId,
            user.TimeZone, user.Status.ToString(), user.Active, user.CustomFieldsJson, user.ScimJson, user.Version, user.LastModified,
            user.Id, readVersion, user.Id,
        ];
        var sql = new StringBuilder(UpdateUser);
        AppendEmails(sql, user, values);
        return db.ExecuteReturningAsync(sql.ToString(), values, cancellationToken);
    }

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
        var columns = values.Count;
        AddEmails(user, values);
        var sql = columns == UserColumns && user.Emails.Count < InsertsByEmailCount.Length
            ? InsertsByEmailCount[user.Emails.Count]
            : InsertWithEmails(columns, user.Emails.Count);
        return db.Database.CurrentTransaction is null
            ? db.ExecuteAloneAsync(sql, values, cancellationToken)
            : db.ExecuteAsync(sql, values, cancellationToken);
    }

    private static void AppendEmails(StringBuilder sql, TargetUser user, List<object?> values)
    {
        AppendEmailInserts(sql, values.Count, user.Emails.Count);
        AddEmails(user, values);
    }

    // The create's SQL for a user with 0 to 3 e-mail addresses, made once: it was built on every create.
    private static readonly string[] InsertsByEmailCount = [.. Enumerable.Range(0, 4).Select(emails => InsertWithEmails(UserColumns, emails))];

    private const int UserColumns = 24;

    private const int EmailColumns = 5;

    private static string InsertWithEmails(int columns, int emails)
    {
        var sql = new StringBuilder(InsertUser).Append(RawSql.Row(0, columns)).Append(';');
        AppendEmailInserts(sql, columns, emails);
        return sql.ToString();
    }

    private static void AppendEmailInserts(StringBuilder sql, int firstParameter, int emails)
    {
        for (var i = 0; i < emails; i++)
        {
            sql.Append("""INSERT INTO "UserEmails" ("UserId", "Position", "Value", "Type", "Primary") VALUES """).Append(RawSql.Row(firstParameter + (EmailColumns * i), EmailColumns)).Append(';');
        }
    }

    private static void AddEmails(TargetUser user, List<object?> values)
    {
        foreach (var email in user.Emails)
        {
            values.AddRange([email.UserId, email.Position, email.Value, email.Type, email.Primary]);
        }
    }
}
