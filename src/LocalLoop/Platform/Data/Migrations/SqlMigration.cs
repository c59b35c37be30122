using Microsoft.EntityFrameworkCore.Migrations;

namespace LocalLoop.Platform.Data.Migrations;

/// <summary>
/// A schema version written as SQL, one script per provider, embedded next to this file as
/// <c>{MigrationId}.sqlite.sql</c> and <c>{MigrationId}.postgres.sql</c>. EF's migrations history table
/// records what ran, and EF's migration lock keeps several nodes starting at once from racing.
/// </summary>
public abstract class SqlMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var suffix = migrationBuilder.ActiveProvider switch
        {
            "Microsoft.EntityFrameworkCore.Sqlite" => "sqlite",
            "Npgsql.EntityFrameworkCore.PostgreSQL" => "postgres",
            var other => throw new NotSupportedException($"No migration scripts for provider {other}."),
        };
        var id = GetType().GetCustomAttributes(typeof(MigrationAttribute), false)
            .Cast<MigrationAttribute>().Single().Id;
        var resource = $"{typeof(SqlMigration).Namespace}.{id}.{suffix}.sql";
        using var stream = typeof(SqlMigration).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded migration script {resource}.");
        using var reader = new StreamReader(stream);
        foreach (var statement in reader.ReadToEnd().Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            migrationBuilder.Sql(statement + ";");
        }
    }
}
