using System.Buffers;

namespace Scim.Core.Filtering.Parsing;

/// <summary>A growable token list over pooled arrays; <see cref="Dispose"/> returns the array.</summary>
internal struct TokenBuffer : IDisposable
{
    private Token[] _items;

    public TokenBuffer(int capacity)
    {
        _items = ArrayPool<Token>.Shared.Rent(capacity);
        Count = 0;
    }

    public int Count { get; private set; }

    public readonly ReadOnlySpan<Token> Span => _items.AsSpan(0, Count);

    public readonly Token this[Index index] => Span[index];

    public void Add(Token token)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<Token>.Shared.Rent(_items.Length * 2);
            Span.CopyTo(larger);
            Return();
            _items = larger;
        }

        _items[Count++] = token;
    }

    public void Dispose()
    {
        Return();
        _items = [];
        Count = 0;
    }

    private readonly void Return()
    {
        // Tokens hold the source text; clear them so the pool does not keep it alive.
        _items.AsSpan(0, Count).Clear();
        if (_items.Length > 0)
        {
            ArrayPool<Token>.Shared.Return(_items);
        }
    }
}
