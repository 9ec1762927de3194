using BenchmarkDotNet.Attributes;
using Pidgin;
using Scim.Core.Filtering;
using Scim.Core.Filtering.Parsing;

namespace Scim.Benchmarks;

[MemoryDiagnoser]
public class StagesBenchmarks
{
    private static readonly Parser<Token, Token> One = Parser<Token>.Token(t => t.Kind == TokenKind.Word);
    private static readonly Parser<Token, Token> Three = Parser<Token>.Token(t => t.Kind == TokenKind.Word).Then(Parser<Token>.Token(t => t.Kind == TokenKind.Word)).Then(Parser<Token>.Token(t => t.Kind == TokenKind.String));
    private readonly Token[] _tokens = Lex(FilterSamples.Simple);

    private static Token[] Lex(string text)
    {
        var buffer = new TokenBuffer(16);
        FilterLexer.TryTokenize(text, 64, ref buffer, out _, out _);
        var tokens = buffer.Span.ToArray();
        buffer.Dispose();
        return tokens;
    }

    [Benchmark]
    public int LexOnly()
    {
        var buffer = new TokenBuffer(16);
        FilterLexer.TryTokenize(FilterSamples.Simple, 64, ref buffer, out _, out _);
        var n = buffer.Count;
        buffer.Dispose();
        return n;
    }

    [Benchmark]
    public bool PidginOneToken() => One.Parse(_tokens.AsSpan()).Success;

    [Benchmark]
    public bool PidginThreeTokens() => Three.Parse(_tokens.AsSpan()).Success;

    [Benchmark]
    public bool GrammarOnly() => FilterGrammar.Filter.Parse(_tokens.AsSpan()).Success;
}
