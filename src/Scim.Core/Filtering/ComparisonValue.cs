using System.Globalization;

namespace Scim.Core.Filtering;

/// <summary>
/// The value on the right of a filter comparison: a JSON string, number, <c>true</c>, <c>false</c> or <c>null</c>.
/// Equal when kind and value are equal (strings ordinally, numbers numerically: <c>1.0</c> equals <c>1</c>).
/// </summary>
public readonly record struct ComparisonValue
{
    private ComparisonValue(ComparisonValueKind kind, string? text, decimal number)
    {
        Kind = kind;
        Text = text;
        Number = number;
    }

    /// <summary>The JSON kind of the value.</summary>
    public ComparisonValueKind Kind { get; }

    /// <summary>The string, when <see cref="Kind"/> is <see cref="ComparisonValueKind.String"/>; otherwise <see langword="null"/>.</summary>
    public string? Text { get; }

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ComparisonValueKind.Number"/>; otherwise zero.</summary>
    public decimal Number { get; }

    /// <summary>The literal <c>null</c>.</summary>
    public static ComparisonValue Null => new(ComparisonValueKind.Null, null, 0);

    /// <summary>The literal <c>true</c>.</summary>
    public static ComparisonValue True => new(ComparisonValueKind.True, null, 0);

    /// <summary>The literal <c>false</c>.</summary>
    public static ComparisonValue False => new(ComparisonValueKind.False, null, 0);

    /// <summary>Whether the value is <c>true</c> or <c>false</c>.</summary>
    public bool IsBoolean => Kind is ComparisonValueKind.True or ComparisonValueKind.False;

    /// <summary>Creates a string value.</summary>
    /// <param name="text">The string, unescaped.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static ComparisonValue FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(ComparisonValueKind.String, text, 0);
    }

    /// <summary>Creates a number value.</summary>
    /// <param name="number">The number.</param>
    /// <returns>The value.</returns>
    public static ComparisonValue FromNumber(decimal number) => new(ComparisonValueKind.Number, null, number);

    /// <summary>Creates <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static ComparisonValue FromBoolean(bool value) => value ? True : False;

    /// <summary>Implicitly wraps a string.</summary>
    /// <param name="text">The string.</param>
    public static implicit operator ComparisonValue(string text) => FromString(text);

    /// <summary>Implicitly wraps a number.</summary>
    /// <param name="number">The number.</param>
    public static implicit operator ComparisonValue(decimal number) => FromNumber(number);

    /// <summary>Implicitly wraps a boolean.</summary>
    /// <param name="value">The boolean.</param>
    public static implicit operator ComparisonValue(bool value) => FromBoolean(value);

    /// <summary>Returns the value as SCIM filter text: a JSON string literal, number or keyword.</summary>
    /// <returns>The canonical text.</returns>
    public override string ToString() => Kind switch
    {
        ComparisonValueKind.String => Parsing.FilterFormatter.QuoteJsonString(Text ?? string.Empty),
        ComparisonValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ComparisonValueKind.True => "true",
        ComparisonValueKind.False => "false",
        _ => "null",
    };
}
