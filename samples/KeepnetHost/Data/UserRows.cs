using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeepnetHost.Data;

/// <summary>A new user and its e-mail addresses written with one SQL command, in the caller's write transaction.</summary>
/// <remarks>
/// A create is the hottest write (Entra's initial cycle) and, on SQLite, every write waits for one write turn: EF
/// Core's change tracker and update pipeline took about a third of that turn in the load test's profile. The command
/// is plain parameterised SQL that both databases accept; the values are those EF Core would store (the status by
/// name, times in UTC).
/// </remarks>
internal static class UserRows
{
    private const string InsertUser = """
        INSERT INTO "Users" ("Id", "CompanyId", "ScimSettingId", "UserName", "UserNameKey", "ExternalId", "Email", "FirstName",
            "LastName", "DisplayName", "Title", "Department", "EmployeeNumber", "Phone", "PreferredLanguage", "ManagerId", "TimeZone",
            "Status", "Active", "CustomFieldsJson", "ScimJson", "Version", "Created", "LastModified")
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19, @p20, @p21, @p22, @p23);
        """;

    /// <summary>
    /// Runs in the context's current transaction; without one, only where the command is atomic on its own
    /// (<see cref="KeepnetDbContext.CommandIsAtomic"/>).
    /// </summary>
    public static async Task InsertAsync(KeepnetDbContext db, TargetUser user, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder(InsertUser);
        var values = new List<object?>
        {
            user.Id, user.CompanyId, user.ScimSettingId, user.UserName, user.UserNameKey, user.ExternalId, user.Email, user.FirstName,
            user.LastName, user.DisplayName, user.Title, user.Department, user.EmployeeNumber, user.Phone, user.PreferredLanguage,
            user.ManagerId, user.TimeZone, user.Status.ToString(), user.Active, user.CustomFieldsJson, user.ScimJson, user.Version,
            user.Created, user.LastModified,
        };
        foreach (var email in user.Emails)
        {
            var n = values.Count;
            sql.Append($"""INSERT INTO "UserEmails" ("UserId", "Value", "Type", "Primary") VALUES (@p{n}, @p{n + 1}, @p{n + 2}, @p{n + 3});""");
            values.AddRange([email.UserId, email.Value, email.Type, email.Primary]);
        }

        if (db.Database.CurrentTransaction is null && !db.CommandIsAtomic)
        {
            throw new InvalidOperationException("On this database a user and its e-mails are inserted inside a write transaction.");
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql.ToString();
            for (var i = 0; i < values.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = values[i] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
