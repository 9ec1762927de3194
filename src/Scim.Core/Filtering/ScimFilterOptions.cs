namespace Scim.Core.Filtering;

/// <summary>Limits that keep filter parsing cheap and safe on hostile input.</summary>
public sealed record ScimFilterOptions
{
    /// <summary>The highest nesting depth that may be configured; deeper recursion would risk the stack.</summary>
    public const int MaxSupportedDepth = 256;

    /// <summary>The default limits: 4,096 characters and 64 levels of nesting.</summary>
    public static ScimFilterOptions Default { get; } = new();

    /// <summary>The longest filter text accepted, in characters. Default 4,096.</summary>
    public int MaxLength { get; init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxLength), value, "Must be positive."); } = 4096;

    /// <summary>
    /// The deepest nesting of parentheses and value filters (<c>[...]</c>) accepted. Default 64; at most
    /// <see cref="MaxSupportedDepth"/>.
    /// </summary>
    public int MaxDepth
    {
        get;
        init => field = value is > 0 and <= MaxSupportedDepth
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDepth), value, $"Must be between 1 and {MaxSupportedDepth}.");
    } = 64;
}
