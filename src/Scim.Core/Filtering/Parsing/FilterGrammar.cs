using System.Collections.Immutable;
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
internal static class FilterGrammar
{
    private static readonly Parser<Token, Token> LeftParen = Kind(TokenKind.LeftParen, "'('");
    private static readonly Parser<Token, Token> RightParen = Kind(TokenKind.RightParen, "')'");
    private static readonly Parser<Token, Token> LeftBracket = Kind(TokenKind.LeftBracket, "'['");
    private static readonly Parser<Token, Token> RightBracket = Kind(TokenKind.RightBracket, "']'");
    private static readonly Parser<Token, Token> AndKeyword = Word(Keyword.And, "'and'");
    private static readonly Parser<Token, Token> OrKeyword = Word(Keyword.Or, "'or'");

    private static readonly Parser<Token, AttributePath> Path =
        Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.Text.Span[0] != '.')
            .Labelled("an attribute path")
            .Select(static t => CreatePath(t, null, null));

    private static readonly Parser<Token, string> SubAttribute =
        Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.Text.Span[0] == '.')
            .Labelled("'.' and a sub-attribute name")
            .Select(static t => t.Text[1..].ToString());

    private static readonly Parser<Token, ComparisonValue> StringValue =
        Kind(TokenKind.String, "a string").Select(static t => ComparisonValue.FromString(t.Text.ToString()));

    private static readonly Parser<Token, ComparisonValue> NumberValue =
        Kind(TokenKind.Number, "a number").Select(static t =>
            ComparisonValue.FromNumber(decimal.Parse(t.Text.Span, NumberStyles.Float, CultureInfo.InvariantCulture)));

    private static readonly Parser<Token, ComparisonValue> LiteralValue =
        Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.Keyword is Keyword.True or Keyword.False or Keyword.Null)
            .Labelled("true, false or null")
            .Select(static t => t.Keyword switch
            {
                Keyword.True => ComparisonValue.True,
                Keyword.False => ComparisonValue.False,
                _ => ComparisonValue.Null,
            });

    // The operator decides which values make sense: booleans and null only with eq/ne, substrings only of strings.
    private const string OperatorLabel = "a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le)";

    private static readonly Parser<Token, AttributeTail> EqualityTail = Comparison(
        static k => k is Keyword.Eq or Keyword.Ne, OneOf(StringValue, NumberValue, LiteralValue).Labelled("a value (a string in double quotes, a number, true, false or null)"));

    private static readonly Parser<Token, AttributeTail> OrderingTail = Comparison(
        static k => k is Keyword.Gt or Keyword.Ge or Keyword.Lt or Keyword.Le,
        OneOf(StringValue, NumberValue).Labelled("a string or number (gt, ge, lt and le do not compare booleans or null)"));

    private static readonly Parser<Token, AttributeTail> SubstringTail = Comparison(
        static k => k is Keyword.Co or Keyword.Sw or Keyword.Ew,
        StringValue.Labelled("a string (co, sw and ew match strings)"));

    private static readonly Parser<Token, AttributeTail> PresentTail =
        Word(Keyword.Pr, "'pr'").ThenReturn(AttributeTail.Present);

    /// <summary>A whole filter, then the end of the input.</summary>
    public static readonly Parser<Token, ScimFilter> Filter;

    /// <summary>A whole PATCH path: <c>attrPath</c>, or <c>valuePath</c> with an optional <c>.subAttr</c>, then the end.</summary>
    public static readonly Parser<Token, AttributePath> PatchPath;

    static FilterGrammar()
    {
        var valueFilter = BuildFilter(null);

        // Entra ID filters on emails[type eq "work"].value eq "x" (not RFC grammar): read it as
        // emails[type eq "work" and value eq "x"], which is what it means.
        var subAttributeComparison = Map(
            static (sub, t) => Build(new AttributePath(sub), t),
            SubAttribute,
            OneOf(PresentTail, EqualityTail, OrderingTail, SubstringTail));
        var valuePathTail = Map(
            static (f, comparison) => new AttributeTail(comparison.HasValue ? ScimFilter.And(f, comparison.Value) : f),
            LeftBracket.Then(valueFilter).Before(RightBracket),
            subAttributeComparison.Optional());
        Filter = BuildFilter(valuePathTail).Before(Parser<Token>.End.Labelled("'and', 'or' or the end of the filter"));

        PatchPath = Map(
                static (path, tail) => tail.HasValue
                    ? new AttributePath(path.SchemaUrn, path.AttributeName, tail.Value.Filter, tail.Value.Sub.GetValueOrDefault())
                    : path,
                Path,
                Map(static (f, sub) => (Filter: f, Sub: sub), LeftBracket.Then(valueFilter).Before(RightBracket), SubAttribute.Optional())
                    .Optional())
            .Before(Parser<Token>.End.Labelled("the end of the path"));
    }

    private static Parser<Token, ScimFilter> BuildFilter(Parser<Token, AttributeTail>? valuePathTail)
    {
        Parser<Token, ScimFilter>? orExpression = null;
        var inner = Rec(() => orExpression!);

        // The lexer refuses '[' inside '[', so the inner grammar never meets a value path.
        var tail = valuePathTail is null
            ? OneOf(PresentTail, EqualityTail, OrderingTail, SubstringTail)
            : OneOf(PresentTail, EqualityTail, OrderingTail, SubstringTail, valuePathTail);
        var attributeExpression = Map(
            Build,
            Path,
            tail);

        var notExpression = Try(Word(Keyword.Not, "'not'").Then(LeftParen))
            .Then(inner)
            .Before(RightParen)
            .Select(static f => (ScimFilter)new NotFilter(f));
        var group = LeftParen.Then(inner).Before(RightParen);
        var atom = OneOf(notExpression, group, attributeExpression);

        var andExpression = Chain(atom, AndKeyword, ScimFilter.And);
        orExpression = Chain(andExpression, OrKeyword, ScimFilter.Or);
        return orExpression;
    }

    /// <summary>
    /// <c>operand (separator operand)*</c> as one n-ary node; <paramref name="combine"/> flattens operands of the same
    /// kind that came from parentheses. A single operand allocates no list.
    /// </summary>
    private static Parser<Token, ScimFilter> Chain(
        Parser<Token, ScimFilter> operand,
        Parser<Token, Token> separator,
        Func<IEnumerable<ScimFilter>, ScimFilter> combine) =>
        Map(
            (first, rest) => rest.HasValue ? combine(rest.Value.Prepend(first)) : first,
            operand,
            separator.Then(operand).AtLeastOnce().Optional());

    private static ScimFilter Build(AttributePath path, AttributeTail tail) => tail.Kind switch
    {
        AttributeTailKind.Present => new PresentFilter(path),
        AttributeTailKind.Comparison => new ComparisonFilter(path, tail.Operator, tail.Value),
        _ => new ValuePathFilter(path, tail.Filter!),
    };

    private static Parser<Token, AttributeTail> Comparison(Func<Keyword, bool> isOperator, Parser<Token, ComparisonValue> value) =>
        Map(
            static (op, v) => new AttributeTail(ToOperator(op.Keyword), v),
            Parser<Token>.Token(t => t.Kind == TokenKind.Word && isOperator(t.Keyword)).Labelled(OperatorLabel),
            value);

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

    private static AttributePath CreatePath(Token word, ScimFilter? valueFilter, string? sub)
    {
        var text = word.Text;
        var (urn, name, subRange) = AttributePathSyntax.Split(text.Span);
        return new AttributePath(
            urn is { } u ? text[u].ToString() : null,
            AttributeNames.Get(text[name].Span),
            valueFilter,
            subRange is { } s ? AttributeNames.Get(text[s].Span) : sub);
    }

    private static Parser<Token, Token> Kind(TokenKind kind, string label) =>
        Parser<Token>.Token(t => t.Kind == kind).Labelled(label);

    private static Parser<Token, Token> Word(Keyword keyword, string label) =>
        Parser<Token>.Token(t => t.Kind == TokenKind.Word && t.Keyword == keyword).Labelled(label);
}
