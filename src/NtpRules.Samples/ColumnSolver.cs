namespace NtpRules.Samples;

/// <summary>
/// Collects, per data column, the requirements a sample row must meet or miss, and picks a value that does exactly
/// that: just past the binding threshold (within <see cref="MaxMargin"/>), inside the catalogue's range, rounded to
/// one decimal (or a whole number for integer columns).
/// </summary>
internal sealed class ColumnSolver(Random random, Func<string, (double? Min, double? Max, bool Integer)> columnRange)
{
    private const double MaxMargin = 3.0;
    private readonly Dictionary<string, List<(Requirement Req, bool Met)>> _constraints = new(StringComparer.Ordinal);

    public IEnumerable<string> Columns => _constraints.Keys;

    /// <summary>Adds a requirement the row must meet (<paramref name="met"/>) or miss, if that is still possible.</summary>
    public bool TryRequire(Requirement req, bool met)
    {
        var list = _constraints.TryGetValue(req.Column, out var l) ? l : _constraints[req.Column] = [];
        list.Add((req, met));
        if (Feasible(req.Column)) return true;
        list.RemoveAt(list.Count - 1);
        return false;
    }

    public void Require(Requirement req, bool met)
    {
        if (!TryRequire(req, met))
            throw new InvalidOperationException($"sample plan asks {req.Column} to {(met ? "meet" : "miss")} {req}, which contradicts another requirement");
    }

    private bool Feasible(string column)
    {
        var list = _constraints[column];
        if (list[0].Req.IsBoolean) return list.Select(c => c.Met).Distinct().Count() == 1;
        var (lo, loIncl, hi, hiIncl) = Bounds(column);
        return lo < hi || (lo == hi && loIncl && hiIncl);
    }

    private (double Lo, bool LoIncl, double Hi, bool HiIncl) Bounds(string column)
    {
        var (min, max, _) = columnRange(column);
        double lo = min ?? double.NegativeInfinity, hi = max ?? double.PositiveInfinity;
        bool loIncl = true, hiIncl = true;
        foreach (var (req, met) in _constraints[column])
        {
            // meeting ">= t" and missing "< t" are both "x >= t", and so on.
            var (isLower, inclusive) = (req.Op, met) switch
            {
                (RequirementOp.AtLeast, true) or (RequirementOp.LessThan, false) => (true, true),
                (RequirementOp.MoreThan, true) or (RequirementOp.AtMost, false) => (true, false),
                (RequirementOp.AtMost, true) or (RequirementOp.MoreThan, false) => (false, true),
                _ => (false, false),
            };
            if (isLower && (req.Threshold > lo || (req.Threshold == lo && !inclusive))) (lo, loIncl) = (req.Threshold, inclusive);
            if (!isLower && (req.Threshold < hi || (req.Threshold == hi && !inclusive))) (hi, hiIncl) = (req.Threshold, inclusive);
        }
        return (lo, loIncl, hi, hiIncl);
    }

    /// <summary>The value for a constrained column (1 or 0 for a boolean one).</summary>
    public double Solve(string column)
    {
        var list = _constraints[column];
        if (list[0].Req.IsBoolean) return list[0].Met ? 1 : 0;
        var integer = columnRange(column).Integer;
        var step = integer ? 1 : 0.1;
        var (lo, loIncl, hi, hiIncl) = Bounds(column);
        if (!loIncl) lo += step;
        if (!hiIncl) hi -= step;
        var margin = integer ? random.Next(0, 2) : Math.Round(random.NextDouble() * MaxMargin, 1);
        // Sit just past the threshold that decides the outcome: above a lower bound, else below an upper one.
        var lowerBinds = list.Any(c => c.Met ? c.Req.Op is RequirementOp.AtLeast or RequirementOp.MoreThan : c.Req.Op is RequirementOp.AtMost or RequirementOp.LessThan);
        double value = lowerBinds && !double.IsInfinity(lo) ? lo + margin : !double.IsInfinity(hi) ? hi - margin : lo + margin;
        value = Math.Clamp(value, lo, hi);
        value = integer ? Math.Ceiling(value - 1e-9) : Math.Round(value, 1);
        if (value > hi) value = integer ? Math.Floor(hi) : Math.Floor(hi * 10) / 10;
        if (value < lo) value = integer ? Math.Ceiling(lo) : Math.Ceiling(lo * 10) / 10;
        foreach (var (req, met) in list)
            if (req.IsMetBy(value) != met)
                throw new InvalidOperationException($"no value of {column} in steps of {step} can {(met ? "meet" : "miss")} {req}");
        return value;
    }
}
