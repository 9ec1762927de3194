namespace Scim.Core.Filtering.Parsing;

/// <summary>What a filter token is. Keywords are words the lexer recognised case-insensitively.</summary>
internal enum TokenKind : byte
{
    Word,
    String,
    Number,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
}
