namespace Scim.Core.Filtering.Parsing;

/// <summary>
/// One lexed token. <see cref="Text"/> is a slice of the source (the unescaped content for strings), so lexing
/// allocates nothing unless a string literal has escapes.
/// </summary>
internal readonly record struct Token(TokenKind Kind, Keyword Keyword, int Position, int Length, ReadOnlyMemory<char> Text)
{
    public bool IsComparisonOperator => Keyword >= Keyword.Eq;

    public string Describe() => Kind switch
    {
        TokenKind.String => "a string",
        TokenKind.Number => $"the number {Text}",
        TokenKind.LeftParen => "'('",
        TokenKind.RightParen => "')'",
        TokenKind.LeftBracket => "'['",
        TokenKind.RightBracket => "']'",
        _ => $"'{Truncate(Text.Span)}'",
    };

    private static string Truncate(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "...");
}
