using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace KeepnetHost.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompanyId = table.Column<string>(type: "text", nullable: true),
                    SettingId = table.Column<string>(type: "text", nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    Entries = table.Column<byte[]>(type: "bytea", nullable: false)
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
            // upgrading in the middle of an incident still wants it). Times as .NET writes them: ISO 8601 in UTC with a Z.
            migrationBuilder.Sql("""
                INSERT INTO "ProvisioningLogPages" ("CompanyId", "SettingId", "Count", "Entries")
                SELECT "CompanyId", "SettingId", COUNT(*), convert_to(json_agg(json_build_object(
                    'time', to_char("Time" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'method', "Method", 'path', "Path",
                    'resource', "Resource", 'status', "Status", 'scimType', "ScimType", 'detail', "Detail") ORDER BY "Id")::text, 'UTF8')
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CompanyId = table.Column<string>(type: "text", nullable: true),
                    Detail = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Path = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Resource = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ScimType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    SettingId = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Time = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
