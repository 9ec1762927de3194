namespace KeepnetHost.Tests.Infrastructure;

/// <summary>A <see cref="FactAttribute"/> that is skipped where PostgreSQL is not installed, except on CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from <see cref="PostgresServer.SkipReason"/>.</summary>
    public PostgresFactAttribute() => Skip = PostgresServer.SkipReason;
}
