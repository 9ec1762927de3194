using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeepnetHost.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProvisioningLogPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProvisioningLogPages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<string>(type: "TEXT", nullable: true),
                    SettingId = table.Column<string>(type: "TEXT", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Entries = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningLogPages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningLogPages_SettingId_Id",
                table: "ProvisioningLogPages",
                columns: new[] { "SettingId", "Id" });

            // The old log, one entry per row, carried over as one page per setting (a diagnostic log, but an operator
            // upgrading in the middle of an incident still wants it). Times as .NET writes them: ISO 8601 with a Z.
            migrationBuilder.Sql("""
                INSERT INTO "ProvisioningLogPages" ("CompanyId", "SettingId", "Count", "Entries")
                SELECT "CompanyId", "SettingId", COUNT(*), CAST(json_group_array(json_object(
                    'time', replace("Time", ' ', 'T') || 'Z', 'method', "Method", 'path', "Path", 'resource', "Resource",
                    'status', "Status", 'scimType', "ScimType", 'detail', "Detail") ORDER BY "Id") AS BLOB)
                FROM "ProvisioningLog" GROUP BY "CompanyId", "SettingId";
                """);

            migrationBuilder.DropTable(
                name: "ProvisioningLog");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProvisioningLogPages");

            migrationBuilder.CreateTable(
                name: "ProvisioningLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<string>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ScimType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SettingId = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Time = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProvisioningLog", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProvisioningLog_SettingId_Id",
                table: "ProvisioningLog",
                columns: new[] { "SettingId", "Id" });
        }
    }
}
