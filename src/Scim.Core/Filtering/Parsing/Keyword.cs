namespace Scim.Core.Filtering.Parsing;

/// <summary>
/// The keyword a <see cref="TokenKind.Word"/> spells, if any. A keyword can still be an attribute name where the
/// grammar expects one, so the lexer only marks words and the parser decides.
/// </summary>
internal enum Keyword : byte
{
    None,
    And,
    Or,
    Not,
    Pr,
    True,
    False,
    Null,
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}
