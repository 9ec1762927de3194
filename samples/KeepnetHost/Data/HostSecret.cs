namespace KeepnetHost.Data;

/// <summary>A secret of the host itself (the admin key), stored as a hash.</summary>
public sealed class HostSecret
{
    public required string Name { get; set; }

    public required byte[] Hash { get; set; }
}
