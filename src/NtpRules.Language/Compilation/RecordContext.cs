using NtpRules.Engine;
using NtpRules.Language.Expressions;
using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Compilation;

/// <summary>
/// What an expression of one rule set sees for one subject: the record's slots, the rule set's parameters in force,
/// the subject's children (from the session's index, in the order they were inserted), the standards it meets,
/// and the same subject in the baseline data. <see cref="Record"/> is null for the whole data set (<c>scope: all</c>).
/// </summary>
internal sealed class RecordContext : IEvaluationContext
{
    private readonly SessionState _state;
    private readonly ParameterTable _parameters;
    private readonly string _kind;

    public RecordContext(SessionState state, ParameterTable parameters, string kind, Record? record)
    {
        _state = state;
        _parameters = parameters;
        _kind = kind;
        Record = record;
    }

    public Record? Record { get; }
    internal ParameterTable Parameters => _parameters;
    internal string Kind => _kind;

    public DateOnly AsOf => _state.AsOf;

    public Value Indicator(int slot) => Record is null ? Value.Missing : RecordValues.Read(Record, slot);

    public ParameterLookup Parameter(ParameterSymbol parameter, ParameterKeys keys) => _parameters.Lookup(parameter, keys);

    /// <summary>The child contexts last made, and for which kind and version of the session's records.</summary>
    private sealed record ChildContexts(string Kind, int Version, IEvaluationContext[] Contexts);

    private ChildContexts? _children;

    public IReadOnlyList<IEvaluationContext> Children(string kind)
    {
        // A subject's rules read the same children in several aggregates: their contexts (immutable views) are made
        // once while the session's records stay as they are. Published whole, so a racing reader sees one consistent set.
        var version = _state.RecordsVersion;
        if (Volatile.Read(ref _children) is { } known && known.Version == version && known.Kind == kind) return known.Contexts;
        var records = Record is null ? _state.OfKind(kind) : _state.ChildrenOf(Record, kind);
        var result = new IEvaluationContext[records.Count];
        for (var i = 0; i < result.Length; i++) result[i] = new RecordContext(_state, _parameters, kind, records[i]);
        Volatile.Write(ref _children, new ChildContexts(kind, version, result));
        return result;
    }

    public Truth Met(string standard) =>
        Record is not null && _state.Counts(Record, standard) is { } s ? s.Verdict : Truth.Unknown;

    /// <summary>The number of a standard's criteria the subject meets, unknown criteria counted as either; 0 when the standard was not assessed for it.</summary>
    public NumberBound CriteriaMet(string standard) =>
        Record is not null && _state.Counts(Record, standard) is { } s ? NumberBound.Count(s.CriteriaMet, s.CriteriaUnknown, s.CriteriaTotal) : NumberBound.Point(0);

    public IEvaluationContext? Baseline
    {
        get
        {
            if (_state.Baseline is not { } baseline) return null;
            if (Record is null) return new RecordContext(baseline, _parameters, _kind, null);
            return baseline.Find(_kind, Record.Id) is { } r ? new RecordContext(baseline, _parameters, _kind, r) : null;
        }
    }
}
