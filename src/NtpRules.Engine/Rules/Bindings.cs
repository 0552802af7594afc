using NtpRules.Engine.Rete;

namespace NtpRules.Engine;

/// <summary>
/// The facts bound by a partial or complete match, by declaration index (patterns and aggregates, in rule order;
/// <c>not</c>, <c>exists</c> and tests bind nothing). A view over engine state: do not keep it.
/// </summary>
public readonly struct Bindings
{
    private readonly Token? _token;

    internal Bindings(Token? token) => _token = token;

    public int Count => _token?.Depth ?? 0;

    public object this[int declaration]
    {
        get
        {
            for (var t = _token; t is not null; t = t.Parent)
            {
                if (t.Binding && t.Depth == declaration + 1) return t.Value!;
                if (t.Depth <= declaration) break;
            }
            throw new ArgumentOutOfRangeException(nameof(declaration), declaration, $"Only {Count} facts are bound.");
        }
    }

    public T Get<T>(int declaration) => (T)this[declaration];

    public object[] ToArray()
    {
        var result = new object[Count];
        for (var t = _token; t is not null; t = t.Parent)
            if (t.Binding) result[t.Depth - 1] = t.Value!;
        return result;
    }
}
