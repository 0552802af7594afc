namespace NtpRules.Samples;

/// <summary>
/// Decides, per commune, which NTM criteria it fails and whether it is advanced or model, so that the counts and
/// the total of criteria met hit a <see cref="CalibrationTarget"/> exactly.
/// </summary>
internal static class CommunePlanner
{
    /// <summary>How often mountain communes miss each 2021-2025 criterion, relative to the others (ids not listed weigh 1).</summary>
    private static readonly Dictionary<string, double> MissWeight = new(StringComparer.Ordinal)
    {
        ["c10"] = 6, ["c11"] = 6, ["c12"] = 4, ["c17"] = 5, ["c02"] = 4, ["c09"] = 3, ["c13"] = 3, ["c05"] = 3,
        ["c14"] = 2, ["c15"] = 2, ["c16"] = 2, ["c06"] = 2, ["c04"] = 1.5, ["c08"] = 1.5,
    };

    public static IReadOnlyList<CommunePlan> Plan(Random random, CalibrationTarget target, IReadOnlyList<string> criteria,
        IReadOnlyList<int> preferNtm, IReadOnlyList<int> preferAdvanced)
    {
        Validate(target, criteria.Count);
        var ntm = Pick(random, Enumerable.Range(0, target.Communes), preferNtm, target.Ntm);
        var advanced = Pick(random, ntm, preferAdvanced, target.Advanced);
        var model = Pick(random, advanced, [], target.Model);
        var others = Enumerable.Range(0, target.Communes).Where(i => !ntm.Contains(i)).ToArray();
        var misses = SpreadMisses(random, others.Length, MissesNeeded(target, criteria.Count), criteria.Count);
        var failed = others.Select((i, n) => (i, n)).ToDictionary(x => x.i, x => MissSome(random, criteria, misses[x.n], new HashSet<string>()));
        return Enumerable.Range(0, target.Communes)
            .Select(i => new CommunePlan(i, failed.GetValueOrDefault(i) ?? new HashSet<string>(), advanced.Contains(i), model.Contains(i)))
            .ToArray();
    }

    /// <summary>
    /// The next year's plans: communes keep their standards, the non-NTM communes closest to the standard are
    /// promoted first, and the rest lose failed criteria (or gain some) until the total hits the target.
    /// </summary>
    public static IReadOnlyList<CommunePlan> Progress(Random random, IReadOnlyList<CommunePlan> previous, CalibrationTarget target, IReadOnlyList<string> criteria)
    {
        Validate(target, criteria.Count);
        if (previous.Count != target.Communes || previous.Count(p => p.Ntm) > target.Ntm || previous.Count(p => p.Advanced) > target.Advanced || previous.Count(p => p.Model) > target.Model)
            throw new InvalidOperationException("a progress plan cannot lose communes or standards");
        var promoted = previous.Where(p => !p.Ntm).OrderBy(p => p.FailedCriteria.Count).ThenBy(_ => random.Next())
            .Take(target.Ntm - previous.Count(p => p.Ntm)).Select(p => p.Index).ToHashSet();
        var ntm = previous.Where(p => p.Ntm || promoted.Contains(p.Index)).Select(p => p.Index).ToHashSet();
        var advanced = Pick(random, ntm, previous.Where(p => p.Advanced).Select(p => p.Index).Concat(previous.Where(p => p.Ntm).Select(p => p.Index)).ToArray(), target.Advanced);
        var model = Pick(random, advanced, previous.Where(p => p.Model).Select(p => p.Index).ToArray(), target.Model);

        var failed = previous.Where(p => !ntm.Contains(p.Index)).ToDictionary(p => p.Index, p => p.FailedCriteria.ToHashSet(StringComparer.Ordinal));
        var need = MissesNeeded(target, criteria.Count);
        var keys = failed.Keys.ToArray();
        while (failed.Values.Sum(f => f.Count) > need)
        {
            var f = failed[keys[random.Next(keys.Length)]];
            if (f.Count > 1) f.Remove(f.ElementAt(random.Next(f.Count)));
        }
        while (failed.Values.Sum(f => f.Count) < need)
        {
            var f = failed[keys[random.Next(keys.Length)]];
            if (f.Count < criteria.Count) f.UnionWith(MissSome(random, criteria, 1, f));
        }
        return previous.Select(p => new CommunePlan(p.Index, failed.TryGetValue(p.Index, out var f) ? f : new HashSet<string>(), advanced.Contains(p.Index), model.Contains(p.Index))).ToArray();
    }

    private static void Validate(CalibrationTarget t, int criteria)
    {
        if (t.Model > t.Advanced || t.Advanced > t.Ntm || t.Ntm > t.Communes)
            throw new InvalidOperationException($"inconsistent target {t}: model <= advanced <= NTM <= communes");
        var others = t.Communes - t.Ntm;
        var misses = MissesNeeded(t, criteria);
        if (misses < others || misses > others * criteria)
            throw new InvalidOperationException($"target {t} needs {misses} missed criteria over {others} non-NTM communes, outside 1..{criteria} each");
    }

    private static int MissesNeeded(CalibrationTarget t, int criteria) => t.Communes * criteria - t.TotalCriteriaMet;

    private static HashSet<int> Pick(Random random, IEnumerable<int> pool, IReadOnlyList<int> preferred, int count)
    {
        var all = pool.ToHashSet();
        var picked = preferred.Where(all.Contains).Distinct().Take(count).ToHashSet();
        var rest = all.Where(i => !picked.Contains(i)).OrderBy(_ => random.Next()).ToArray();
        foreach (var i in rest.Take(count - picked.Count)) picked.Add(i);
        return picked;
    }

    /// <summary>Misses per commune: each between 1 and <paramref name="max"/>, summing to <paramref name="total"/>.</summary>
    private static int[] SpreadMisses(Random random, int communes, int total, int max)
    {
        if (communes == 0) return [];
        var mean = (double)total / communes;
        var k = Enumerable.Range(0, communes).Select(_ => Math.Clamp((int)Math.Round(mean + random.Next(-4, 5)), 1, max)).ToArray();
        while (k.Sum() > total) { var i = random.Next(communes); if (k[i] > 1) k[i]--; }
        while (k.Sum() < total) { var i = random.Next(communes); if (k[i] < max) k[i]++; }
        return k;
    }

    /// <summary><paramref name="count"/> criteria not in <paramref name="except"/>, drawn by <see cref="MissWeight"/>.</summary>
    private static HashSet<string> MissSome(Random random, IReadOnlyList<string> criteria, int count, IReadOnlySet<string> except)
    {
        var left = criteria.Where(c => !except.Contains(c)).ToList();
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        while (chosen.Count < count)
        {
            var total = left.Sum(c => MissWeight.GetValueOrDefault(c, 1));
            var roll = random.NextDouble() * total;
            var pick = left.First(c => (roll -= MissWeight.GetValueOrDefault(c, 1)) <= 0 || c == left[^1]);
            chosen.Add(pick);
            left.Remove(pick);
        }
        return chosen;
    }
}
