using System.Globalization;
using Pidgin;
using Scim.Core.Paths;
using static Pidgin.Parser;

namespace Scim.Core.Filtering.Parsing;

/// <summary>
/// The RFC 7644 §3.4.2.2 filter grammar and the §3.5.2 PATCH path grammar as Pidgin parsers over
/// <see cref="Token"/>s. Precedence is <c>not</c> (an atom, since it always takes parentheses) over <c>and</c> over
/// <c>or</c>; chains are left to right and flattened into one n-ary node.
/// </summary>
/// <remarks>
/// Alternatives are ordered by how often identity providers send them (<c>eq</c> first), because in Pidgin every
/// alternative that fails first costs time. The lexer has already refused what a token alone shows to be wrong
/// (nesting, value filters inside value filters, a value the operator cannot take), with the exact position.
/// </remarks>
internal static class FilterGrammar
{
    private static readonly Parser<Token, Token> LeftParen = Kind(TokenKind.LeftParen, "'('");
    private static readonly Parser<Token, Token> RightParen = Kind(TokenKind.RightParen, "')'");
    private static readonly Parser<Token, Token> LeftBracket = Kind(TokenKind.LeftBracket, "'['");
    private static readonly Parser<Token, Token> RightBracket = Kind(TokenKind.RightBracket, "']'");

    private static readonly Parser<Token, AttributePath> Path =
        Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.Keyword != Keyword.Not && t.Text.Span[0] != '.')
            .Labelled("an attribute path")
            .Select(CreatePath);

    private static readonly Parser<Token, string> SubAttribute =
        Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.Text.Span[0] == '.')
            .Labelled("'.' and a sub-attribute name")
            .Select(static t => AttributeNames.Get(t.Text.Span[1..]));

    private static readonly Parser<Token, ComparisonValue> Value =
        Parser<Token>.Token(static t => t.Kind is TokenKind.String or TokenKind.Number || t.Keyword is Keyword.True or Keyword.False or Keyword.Null)
            .Labelled("a value (a string in double quotes, a number, true, false or null)")
            .Select(static t => t.Kind switch
            {
                TokenKind.String => ComparisonValue.FromString(t.Text.ToString()),
                TokenKind.Number => ComparisonValue.FromNumber(decimal.Parse(t.Text.Span, NumberStyles.Float, CultureInfo.InvariantCulture)),
                _ => t.Keyword switch
                {
                    Keyword.True => ComparisonValue.True,
                    Keyword.False => ComparisonValue.False,
                    _ => ComparisonValue.Null,
                },
            });

    private static readonly Parser<Token, AttributeTail> ComparisonTail = Map(
        static (op, value) => new AttributeTail(ToOperator(op.Keyword), value),
        Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.IsComparisonOperator)
            .Labelled("a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le)"),
        Value);

    private static readonly Parser<Token, AttributeTail> PresentTail =
        Word(Keyword.Pr, "'pr'").ThenReturn(AttributeTail.Present);

    /// <summary>A whole filter, then the end of the input.</summary>
    public static readonly Parser<Token, ScimFilter> Filter;

    /// <summary>A whole PATCH path: <c>attrPath</c>, or <c>valuePath</c> with an optional <c>.subAttr</c>, then the end.</summary>
    public static readonly Parser<Token, AttributePath> PatchPath;

    static FilterGrammar()
    {
        var valueFilter = LeftBracket.Then(BuildFilter(null)).Before(RightBracket);

        // Entra ID filters on emails[type eq "work"].value eq "x" (not RFC grammar): read it as
        // emails[type eq "work" and value eq "x"], which is what it means.
        var subAttributeTest = Map(
            static (sub, t) => Build(new AttributePath(sub), t),
            SubAttribute,
            OneOf(ComparisonTail, PresentTail));
        var valuePathTail = Map(
            static (f, test) => new AttributeTail(test.HasValue ? ScimFilter.And(f, test.Value) : f),
            valueFilter,
            subAttributeTest.Optional());
        Filter = BuildFilter(valuePathTail).Before(Parser<Token>.End.Labelled("'and', 'or' or the end of the filter"));

        PatchPath = Map(
                static (path, tail) => tail.HasValue
                    ? new AttributePath(path.SchemaUrn, path.AttributeName, tail.Value.Filter, tail.Value.Sub.GetValueOrDefault())
                    : path,
                Path,
                Map(static (f, sub) => (Filter: f, Sub: sub), valueFilter, SubAttribute.Optional()).Optional())
            .Before(Parser<Token>.End.Labelled("the end of the path"));
    }

    private static Parser<Token, ScimFilter> BuildFilter(Parser<Token, AttributeTail>? valuePathTail)
    {
        Parser<Token, ScimFilter>? orExpression = null;
        var inner = Rec(() => orExpression!);

        // The lexer refuses '[' inside '[', so the grammar inside a value filter has no value path.
        var tail = valuePathTail is null ? OneOf(ComparisonTail, PresentTail) : OneOf(ComparisonTail, PresentTail, valuePathTail);
        var attributeExpression = Map(Build, Path, tail);

        // The lexer marks 'not' as a keyword only when '(' follows, so no backtracking is needed here.
        var notExpression = Word(Keyword.Not, "'not'").Then(LeftParen)
            .Then(inner)
            .Before(RightParen)
            .Select(static f => (ScimFilter)new NotFilter(f));
        var group = LeftParen.Then(inner).Before(RightParen);
        var atom = OneOf(attributeExpression, group, notExpression);

        var andExpression = Chain(atom, Word(Keyword.And, "'and'"), LogicalOperator.And);
        orExpression = Chain(andExpression, Word(Keyword.Or, "'or'"), LogicalOperator.Or);
        return orExpression;
    }

    /// <summary><c>operand (separator operand)*</c> as one n-ary node; a single operand allocates no list.</summary>
    private static Parser<Token, ScimFilter> Chain(Parser<Token, ScimFilter> operand, Parser<Token, Token> separator, LogicalOperator op) =>
        Map(
            (first, rest) => rest.HasValue ? ScimFilter.Combine(op, first, rest.Value) : first,
            operand,
            separator.Then(operand).AtLeastOnce().Optional());

    private static ScimFilter Build(AttributePath path, AttributeTail tail) => tail.Kind switch
    {
        AttributeTailKind.Present => new PresentFilter(path),
        AttributeTailKind.Comparison => new ComparisonFilter(path, tail.Operator, tail.Value),
        _ => new ValuePathFilter(path, tail.Filter!),
    };

    private static ComparisonOperator ToOperator(Keyword keyword) => keyword switch
    {
        Keyword.Eq => ComparisonOperator.Equal,
        Keyword.Ne => ComparisonOperator.NotEqual,
        Keyword.Co => ComparisonOperator.Contains,
        Keyword.Sw => ComparisonOperator.StartsWith,
        Keyword.Ew => ComparisonOperator.EndsWith,
        Keyword.Gt => ComparisonOperator.GreaterThan,
        Keyword.Ge => ComparisonOperator.GreaterThanOrEqual,
        Keyword.Lt => ComparisonOperator.LessThan,
        _ => ComparisonOperator.LessThanOrEqual,
    };

    private static AttributePath CreatePath(Token word)
    {
        var text = word.Text;
        var (urn, name, sub) = AttributePathSyntax.Split(text.Span);
        return new AttributePath(
            urn is { } u ? AttributeNames.GetUrn(text.Span[u]) : null,
            AttributeNames.Get(text.Span[name]),
            null,
            sub is { } s ? AttributeNames.Get(text.Span[s]) : null);
    }

    private static Parser<Token, Token> Kind(TokenKind kind, string label) =>
        Parser<Token>.Token(t => t.Kind == kind).Labelled(label);

    private static Parser<Token, Token> Word(Keyword keyword, string label) =>
        Parser<Token>.Token(t => t.Kind == TokenKind.Word && t.Keyword == keyword).Labelled(label);
}
