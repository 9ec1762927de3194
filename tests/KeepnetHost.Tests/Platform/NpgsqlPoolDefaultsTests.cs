using KeepnetHost.Data;
using Npgsql;

namespace KeepnetHost.Tests.Platform;

/// <summary>The host's Npgsql defaults apply only where the operator's connection string is silent.</summary>
public sealed class NpgsqlPoolDefaultsTests
{
    [Fact]
    public void WithPoolDefaults_ConnectionStringSilent_NoResetOnCloseAndAutoPrepare()
    {
        var settings = new NpgsqlConnectionStringBuilder(KeepnetStorage.WithPoolDefaults("Host=db.example;Database=keepnet;Username=keepnet"));

        Assert.True(settings.NoResetOnClose);
        Assert.Equal(20, settings.MaxAutoPrepare);
        Assert.Equal("db.example", settings.Host);
        Assert.Equal("keepnet", settings.Database);
    }

    [Theory]
    [InlineData("Host=db.example;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db.example;NoResetOnClose=false;MaxAutoPrepare=0")]
    public void WithPoolDefaults_OperatorChoseOtherwise_OperatorsValuesKept(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(KeepnetStorage.WithPoolDefaults(connectionString));

        Assert.False(settings.NoResetOnClose);
        Assert.Equal(0, settings.MaxAutoPrepare);
    }
}
