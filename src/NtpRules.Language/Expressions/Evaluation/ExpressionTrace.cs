using System.Text;

namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// What one traced evaluation read and why it may be unknown: indicator values (missing ones too), parameter values
/// with their source, computed values such as aggregates, and notes (division by zero, no parameter row).
/// Reused across evaluations with <see cref="Clear"/>.
/// </summary>
public sealed class ExpressionTrace
{
    private readonly List<(string Name, Value Value)> _values = new();
    private readonly List<(ParameterSymbol Parameter, ParameterKeys Keys, ParameterLookup Value)> _thresholds = new();
    private readonly List<string> _notes = new();

    public IReadOnlyList<(string Name, Value Value)> Values => _values;
    public IReadOnlyList<(ParameterSymbol Parameter, ParameterKeys Keys, ParameterLookup Value)> Thresholds => _thresholds;
    public IReadOnlyList<string> Notes => _notes;

    [ThreadStatic] private static ExpressionTrace? _spare;

    /// <summary>Appends the values read as "a = 1, b = 2" (the text reasons and explanations quote).</summary>
    internal StringBuilder AppendValues(StringBuilder text)
    {
        for (var i = 0; i < _values.Count; i++)
        {
            if (i > 0) text.Append(", ");
            _values[i].Value.AppendTo(text.Append(_values[i].Name).Append(" = "));
        }
        return text;
    }

    /// <summary>
    /// An empty trace for this thread to use and give back with <see cref="Return"/>: traces are wanted by the
    /// thousand (one per explanation) and each would otherwise allocate its lists anew.
    /// </summary>
    internal static ExpressionTrace Rent()
    {
        var trace = _spare ?? new ExpressionTrace();
        _spare = null; // a trace rented while this one is out (none today) is a new one
        return trace;
    }

    internal static void Return(ExpressionTrace trace)
    {
        trace.Clear();
        _spare = trace;
    }

    public void Clear()
    {
        _values.Clear();
        _thresholds.Clear();
        _notes.Clear();
    }

    public void Read(string name, Value value)
    {
        foreach (var (n, _) in _values) if (n == name) return;
        _values.Add((name, value));
    }

    // Called from compiled code: one static method per event keeps the generated code small.
    internal static Value Indicator(ExpressionTrace? trace, IndicatorSymbol symbol, Value value)
    {
        trace?.Read(symbol.Name, value);
        return value;
    }

    internal static ParameterLookup Parameter(ExpressionTrace? trace, ParameterSymbol symbol, ParameterKeys keys, ParameterLookup value)
    {
        if (trace is null) return value;
        foreach (var t in trace._thresholds)
            if (t.Parameter == symbol && t.Keys.SameAs(keys)) return value;
        trace._thresholds.Add((symbol, keys, value));
        if (value.Source is { Published: false })
            trace.Note(keys.Count == 0 ? $"no threshold published for {symbol.Name}" : $"no threshold published for {symbol.Name} ({keys.Describe(symbol.Keys)})");
        else if (!value.HasValue)
            trace.Note(keys.Count == 0 ? $"no value of {symbol.Name} is in force" : $"no value of {symbol.Name} is in force for {keys.Describe(symbol.Keys)}");
        return value;
    }

    internal static Value Computed(ExpressionTrace? trace, string text, Value value)
    {
        trace?.Read(text, value);
        return value;
    }

    public void Note(string note)
    {
        if (!_notes.Contains(note)) _notes.Add(note);
    }
}
