namespace Scim.Core.Filtering.Evaluation;

/// <summary>What the evaluator needs to know about a compared attribute.</summary>
[Flags]
internal enum AttributeTraits : byte
{
    /// <summary>Nothing known: strings compare case-insensitively, and two date-shaped strings chronologically.</summary>
    None = 0,

    /// <summary>Strings compare case-sensitively.</summary>
    CaseExact = 1,

    /// <summary>The schema defines the attribute, so its type is known (dates compare chronologically only if <see cref="DateTime"/>).</summary>
    Typed = 2,

    /// <summary>The attribute is a dateTime.</summary>
    DateTime = 4,
}
