namespace Scim.Core.Filtering.Parsing;

/// <summary>The three forms an <see cref="AttributeTail"/> takes.</summary>
internal enum AttributeTailKind : byte
{
    Present,
    Comparison,
    ValuePath,
}
