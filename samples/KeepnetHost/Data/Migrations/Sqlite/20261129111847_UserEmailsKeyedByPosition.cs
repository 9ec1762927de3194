using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeepnetHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UserEmailsKeyedByPosition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: EF Core cannot make a table WITHOUT ROWID, and its rebuild would give every user's addresses
            // position 0. The positions follow the old ids, the order the addresses came in.
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_UserEmails" (
                    "UserId" TEXT NOT NULL,
                    "Position" INTEGER NOT NULL,
                    "Value" TEXT NOT NULL,
                    "Type" TEXT NULL,
                    "Primary" INTEGER NOT NULL,
                    CONSTRAINT "PK_UserEmails" PRIMARY KEY ("UserId", "Position"),
                    CONSTRAINT "FK_UserEmails_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                INSERT INTO "ef_temp_UserEmails" ("UserId", "Position", "Value", "Type", "Primary")
                    SELECT "UserId", row_number() OVER (PARTITION BY "UserId" ORDER BY "Id") - 1, "Value", "Type", "Primary" FROM "UserEmails";
                DROP TABLE "UserEmails";
                ALTER TABLE "ef_temp_UserEmails" RENAME TO "UserEmails";
                CREATE INDEX "IX_UserEmails_lower_Value" ON "UserEmails" (lower("Value"));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_UserEmails" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_UserEmails" PRIMARY KEY AUTOINCREMENT,
                    "UserId" TEXT NOT NULL,
                    "Value" TEXT NOT NULL,
                    "Type" TEXT NULL,
                    "Primary" INTEGER NOT NULL,
                    CONSTRAINT "FK_UserEmails_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
                );
                INSERT INTO "ef_temp_UserEmails" ("UserId", "Value", "Type", "Primary")
                    SELECT "UserId", "Value", "Type", "Primary" FROM "UserEmails" ORDER BY "UserId", "Position";
                DROP TABLE "UserEmails";
                ALTER TABLE "ef_temp_UserEmails" RENAME TO "UserEmails";
                CREATE INDEX "IX_UserEmails_UserId" ON "UserEmails" ("UserId");
                CREATE INDEX "IX_UserEmails_lower_Value" ON "UserEmails" (lower("Value"));
                """);
        }
    }
}
