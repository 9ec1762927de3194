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
/// The grammar is built twice. <see cref="Fast"/> has no labels: Pidgin records the label of every alternative that
/// fails, even on a parse that succeeds, and that bookkeeping was over half the parse time (measured with
/// dotnet-trace). When the fast grammar fails, <see cref="Explaining"/>, the same grammar with labels, parses the text
/// again to say what was expected. Alternatives are ordered by how often identity providers send them (<c>eq</c>
/// first). The lexer has already refused what a token alone shows to be wrong (nesting, value filters inside value
/// filters, a value the operator cannot take), with the exact position.
/// </remarks>
internal sealed class FilterGrammar
{
    private readonly bool _labelled;

    private FilterGrammar(bool labelled)
    {
        _labelled = labelled;
        var leftParen = Kind(TokenKind.LeftParen, "'('");
        var rightParen = Kind(TokenKind.RightParen, "')'");
        var leftBracket = Kind(TokenKind.LeftBracket, "'['");
        var rightBracket = Kind(TokenKind.RightBracket, "']'");

        var path = Label(
                Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.Keyword != Keyword.Not && t.Text.Span[0] != '.'),
                "an attribute path")
            .Select(CreatePath);
        var subAttribute = Label(Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.Text.Span[0] == '.'), "'.' and a sub-attribute name")
            .Select(static t => AttributeNames.Get(t.Text.Span[1..]));
        var value = Label(
                Parser<Token>.Token(static t => t.Kind is TokenKind.String or TokenKind.Number || t.Keyword is Keyword.True or Keyword.False or Keyword.Null),
                "a value (a string in double quotes, a number, true, false or null)")
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
        var comparisonTail = Map(
            static (op, v) => new AttributeTail(ToOperator(op.Keyword), v),
            Label(Parser<Token>.Token(static t => t.Kind == TokenKind.Word && t.IsComparisonOperator), "a comparison operator (eq, ne, co, sw, ew, gt, ge, lt, le)"),
            value);
        var presentTail = Word(Keyword.Pr, "'pr'").ThenReturn(AttributeTail.Present);
        var valueFilter = leftBracket.Then(BuildFilter(null)).Before(rightBracket);

        // Entra ID filters on emails[type eq "work"].value eq "x" (not RFC grammar): read it as
        // emails[type eq "work" and value eq "x"], which is what it means.
        var subAttributeTest = Map(static (sub, t) => Build(new AttributePath(sub), t), subAttribute, OneOf(comparisonTail, presentTail));
        var valuePathTail = Map(
            static (f, test) => new AttributeTail(test.HasValue ? ScimFilter.And(f, test.Value) : f),
            valueFilter,
            subAttributeTest.Optional());
        Filter = BuildFilter(valuePathTail).Before(Label(Parser<Token>.End, "'and', 'or' or the end of the filter"));

        PatchPath = Map(
                static (p, tail) => tail.HasValue
                    ? new AttributePath(p.SchemaUrn, p.AttributeName, tail.Value.Filter, tail.Value.Sub.GetValueOrDefault())
                    : p,
                path,
                Map(static (f, sub) => (Filter: f, Sub: sub), valueFilter, subAttribute.Optional()).Optional())
            .Before(Label(Parser<Token>.End, "the end of the path"));

        Parser<Token, ScimFilter> BuildFilter(Parser<Token, AttributeTail>? valuePath)
        {
            Parser<Token, ScimFilter>? orExpression = null;
            var inner = Rec(() => orExpression!);

            // The lexer refuses '[' inside '[', so the grammar inside a value filter has no value path.
            var tail = valuePath is null ? OneOf(comparisonTail, presentTail) : OneOf(comparisonTail, presentTail, valuePath);
            var attributeExpression = Map(Build, path, tail);

            // The lexer marks 'not' as a keyword only when '(' follows, so no backtracking is needed here.
            var notExpression = Word(Keyword.Not, "'not'").Then(leftParen)
                .Then(inner)
                .Before(rightParen)
                .Select(static f => (ScimFilter)new NotFilter(f));
            var group = leftParen.Then(inner).Before(rightParen);
            var atom = OneOf(attributeExpression, group, notExpression);

            var andExpression = Chain(atom, Word(Keyword.And, "'and'"), LogicalOperator.And);
            orExpression = Chain(andExpression, Word(Keyword.Or, "'or'"), LogicalOperator.Or);
            return orExpression;
        }
    }

    /// <summary>The grammar without labels, for parsing.</summary>
    public static FilterGrammar Fast { get; } = new(labelled: false);

    /// <summary>The same grammar with labels, for explaining a failure.</summary>
    public static FilterGrammar Explaining { get; } = new(labelled: true);

    /// <summary>A whole filter, then the end of the input.</summary>
    public Parser<Token, ScimFilter> Filter { get; }

    /// <summary>A whole PATCH path: <c>attrPath</c>, or <c>valuePath</c> with an optional <c>.subAttr</c>, then the end.</summary>
    public Parser<Token, AttributePath> PatchPath { get; }

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

    private Parser<Token, T> Label<T>(Parser<Token, T> parser, string label) => _labelled ? parser.Labelled(label) : parser;

    private Parser<Token, Token> Kind(TokenKind kind, string label) => Label(Parser<Token>.Token(t => t.Kind == kind), label);

    private Parser<Token, Token> Word(Keyword keyword, string label) =>
        Label(Parser<Token>.Token(t => t.Kind == TokenKind.Word && t.Keyword == keyword), label);
}
