namespace KeepnetHost.Tests.Infrastructure;

/// <summary>A <see cref="TheoryAttribute"/> that is skipped where PostgreSQL is not installed, except on CI.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from <see cref="PostgresServer.SkipReason"/>.</summary>
    public PostgresTheoryAttribute() => Skip = PostgresServer.SkipReason;
}
