namespace KeepnetHost.Tests.Infrastructure;

/// <summary>
/// The test classes that share the run's PostgreSQL server: mark a class
/// <c>[Collection(PostgresCollection.Name)]</c> and take a <see cref="PostgresFixture"/> in its constructor.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "postgres";
}
