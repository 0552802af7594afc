using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.Catalogue;

/// <summary>Loads and merges <c>rules/catalogue/*.yaml</c> (format section 1), checking the merged result.</summary>
public static class CatalogueLoader
{
    public static IndicatorCatalogue Load(IEnumerable<SourceFile> files, DiagnosticBag diagnostics, YamlLimits? limits = null)
    {
        var subjects = new List<SubjectKind>();
        var indicators = new List<CatalogueIndicator>();
        var derived = new List<DerivedIndicator>();
        foreach (var file in files)
        {
            var root = YamlDocumentLoader.Load(file.Path, file.Text, diagnostics, limits);
            if (root is not null) ReadFile(root, new DocumentReader(diagnostics), subjects, indicators, derived);
        }
        Check(subjects, indicators, derived, diagnostics);
        CheckColumnNames(indicators, diagnostics);
        CheckMerges(indicators, diagnostics);
        return new IndicatorCatalogue(subjects, indicators, derived);
    }

    private static void ReadFile(YamlNode root, DocumentReader r, List<SubjectKind> subjects, List<CatalogueIndicator> indicators, List<DerivedIndicator> derived)
    {
        var m = r.OpenMapping(root, "the catalogue", KnownKeys.Catalogue);
        if (m is null) return;
        r.Kind(m, "catalogue", "the catalogue");

        foreach (var node in r.List(m, "subjects", "the catalogue"))
        {
            var s = r.OpenMapping(node, "a subject kind", KnownKeys.SubjectKind);
            if (s is null) continue;
            var kind = r.String(s, "kind", "a subject kind", required: true);
            if (kind is null) continue;
            var what = $"subject kind '{kind}'";
            subjects.Add(new SubjectKind(kind, r.Text(s, "name", what) ?? LocalizedText.Empty,
                r.Words(s, "parents", what).Select(p => p.Value).ToArray(), s.Location));
        }

        foreach (var node in r.List(m, "indicators", "the catalogue"))
        {
            var i = r.OpenMapping(node, "an indicator", KnownKeys.Indicator);
            if (i is null) continue;
            var key = r.String(i, "key", "an indicator", required: true);
            var what = $"indicator '{key}'";
            var subject = r.String(i, "subject", what, required: true);
            var type = r.Choice(i, "type", what, DataTypeText.ByName, required: true);
            var values = r.Words(i, "values", what).Select(v => v.Value).ToArray();
            var (min, max) = ReadRange(i, r, what);
            if (type == DataType.Enum && values.Length == 0)
                r.Diagnostics.Error(DiagnosticCodes.EnumWithoutValues, $"{what} is an enum but lists no 'values'", i.KeyOf("type")!.Location);
            if (type is not null and not DataType.Enum && i["values"] is { } v0)
                r.Diagnostics.Error(DiagnosticCodes.ValuesOnNonEnum, $"{what} has 'values' but its type is {type.Value.ToText()}", v0.Location, "use 'type: enum'");
            if (type is not null and not (DataType.Number or DataType.Integer) && i["range"] is { } r0)
                r.Diagnostics.Error(DiagnosticCodes.BadRange, $"{what} has a 'range' but its type is {type.Value.ToText()}", r0.Location);
            if (key is null || subject is null || type is null) continue;
            indicators.Add(new CatalogueIndicator(key, subject, type.Value, values, r.String(i, "unit", what), min, max,
                r.Text(i, "description", what) ?? LocalizedText.Empty, i.Location, r.Words(i, "aliases", what).Select(a => a.Value).ToArray()) { Merge = ReadMerge(i, r, what) });
        }

        foreach (var node in r.List(m, "derived", "the catalogue"))
        {
            var d = r.OpenMapping(node, "a derived indicator", KnownKeys.Derived);
            if (d is null) continue;
            var key = r.String(d, "key", "a derived indicator", required: true);
            var what = $"derived indicator '{key}'";
            var subject = r.String(d, "subject", what, required: true);
            var type = r.Choice(d, "type", what, DataTypeText.ByName, required: true);
            var expr = r.Expression(d, "expr", what);
            if (key is null || subject is null || type is null || expr is null) continue;
            derived.Add(new DerivedIndicator(key, subject, type.Value, r.String(d, "unit", what), expr,
                r.Text(d, "description", what) ?? LocalizedText.Empty, d.Location));
        }
    }

    /// <summary>
    /// Each name a header may use for an indicator (key, Vietnamese title, aliases) must lead to that indicator alone
    /// among its subject's indicators once case, spacing and diacritics are set aside.
    /// </summary>
    private static void CheckColumnNames(List<CatalogueIndicator> indicators, DiagnosticBag diagnostics)
    {
        var owners = new Dictionary<(string Subject, string Name), CatalogueIndicator>();
        foreach (var i in indicators)
            foreach (var name in ColumnNames.NamesOf(i).Select(ColumnNames.Fold).Distinct())
            {
                if (name.Length == 0) continue;
                if (owners.TryGetValue((i.Subject, name), out var other) && other.Key != i.Key)
                    diagnostics.Error(DiagnosticCodes.AmbiguousColumnName,
                        $"indicators '{other.Key}' and '{i.Key}' of {i.Subject} both answer to the column name '{name}' (key, Vietnamese title or alias)",
                        i.Location, "give one of them a different alias or title");
                else owners[(i.Subject, name)] = i;
            }
    }

    /// <summary><c>merge: sum</c>, <c>merge: { rule: any, reason: … }</c> or <c>merge: { weighted_by: population, reason: … }</c>.</summary>
    private static IndicatorMerge? ReadMerge(YamlMapping i, DocumentReader r, string what)
    {
        var node = i["merge"];
        if (node is null) return null;
        what = $"the merge rule of {what}";
        if (node is YamlScalar s)
        {
            if (MergeRuleText.ByName.TryGetValue(s.Value.Trim(), out var rule)) return new IndicatorMerge(rule, null, "", s.Location);
            r.Diagnostics.Error(DiagnosticCodes.BadMergeRule, $"{what} is '{s.Value}', expected one of: {string.Join(", ", MergeRuleText.ByName.Keys)}, or {{ weighted_by: <indicator> }}",
                s.Location, EditDistance.Hint(s.Value, MergeRuleText.ByName.Keys));
            return null;
        }
        var m = r.OpenMapping(node, what, KnownKeys.IndicatorMerge);
        if (m is null) return null;
        var weightedBy = r.String(m, "weighted_by", what);
        var reason = r.String(m, "reason", what) ?? "";
        if (weightedBy is not null)
        {
            if (m["rule"] is { } both)
                r.Diagnostics.Error(DiagnosticCodes.BadMergeRule, $"{what} has both 'rule' and 'weighted_by'", both.Location);
            return new IndicatorMerge(MergeRule.WeightedBy, weightedBy, reason, m.Location);
        }
        var chosen = r.Choice(m, "rule", what, MergeRuleText.ByName, required: true);
        return chosen is null ? null : new IndicatorMerge(chosen.Value, null, reason, m.Location);
    }

    private static (double? Min, double? Max) ReadRange(YamlMapping i, DocumentReader r, string what)
    {
        var node = i["range"];
        if (node is null) return (null, null);
        if (node is not YamlSequence { Items.Count: 2 } seq || seq.Items.Any(x => x is not YamlScalar))
        {
            r.Diagnostics.Error(DiagnosticCodes.BadRange, $"'range' of {what} must be [min, max] (either may be null)", node.Location);
            return (null, null);
        }
        var lo = (YamlScalar)seq.Items[0];
        var hi = (YamlScalar)seq.Items[1];
        var min = lo.IsNull ? null : r.Number(lo, $"the minimum of {what}");
        var max = hi.IsNull ? null : r.Number(hi, $"the maximum of {what}");
        if (min > max)
            r.Diagnostics.Error(DiagnosticCodes.BadRange, $"'range' of {what} has its minimum {min} above its maximum {max}", node.Location);
        return (min, max);
    }

    private static void Check(List<SubjectKind> subjects, List<CatalogueIndicator> indicators, List<DerivedIndicator> derived, DiagnosticBag diagnostics)
    {
        var kinds = new Dictionary<string, SubjectKind>();
        foreach (var s in subjects)
            if (!kinds.TryAdd(s.Kind, s))
                diagnostics.Error(DiagnosticCodes.DuplicateSubjectKind, $"subject kind '{s.Kind}' is defined twice (first at {kinds[s.Kind].Location})", s.Location);

        foreach (var s in subjects)
            foreach (var p in s.Parents.Where(p => !kinds.ContainsKey(p)))
                diagnostics.Error(DiagnosticCodes.UnknownSubjectKind, $"subject kind '{s.Kind}' names an unknown parent kind '{p}'", s.Location,
                    EditDistance.Hint(p, kinds.Keys));

        foreach (var cycle in ParentCycles(kinds))
            diagnostics.Error(DiagnosticCodes.ParentCycle, $"subject kinds form a cycle of parents: {string.Join(" → ", cycle)}", kinds[cycle[0]].Location);

        var keys = new Dictionary<(string, string), SourceLocation>();
        foreach (var (key, subject, at) in indicators.Select(i => (i.Key, i.Subject, i.Location)).Concat(derived.Select(d => (d.Key, d.Subject, d.Location))))
        {
            if (!kinds.ContainsKey(subject))
                diagnostics.Error(DiagnosticCodes.UnknownSubjectKind, $"indicator '{key}' belongs to an unknown subject kind '{subject}'", at,
                    EditDistance.Hint(subject, kinds.Keys));
            if (!keys.TryAdd((subject, key), at))
                diagnostics.Error(DiagnosticCodes.DuplicateIndicator, $"indicator '{key}' of {subject} is defined twice (first at {keys[(subject, key)]})", at);
        }
    }

    /// <summary>
    /// A merge rule must fit its indicator's type (shares and counts are numbers, all/any booleans) and a share's base
    /// must be a number of the same subject; a rule without its reason is a warning (the law or reasoning is the point).
    /// </summary>
    private static void CheckMerges(List<CatalogueIndicator> indicators, DiagnosticBag diagnostics)
    {
        var byKey = indicators.GroupBy(i => (i.Subject, i.Key)).ToDictionary(g => g.Key, g => g.First());
        foreach (var i in indicators)
        {
            if (i.Merge is not { } m) continue;
            var numeric = i.Type is DataType.Number or DataType.Integer;
            string? problem = m.Rule switch
            {
                MergeRule.WeightedBy when i.Type != DataType.Number => $"a weighted share needs a number, but '{i.Key}' is {i.Type.ToText()}",
                MergeRule.Sum when !numeric => $"a sum needs a number or integer, but '{i.Key}' is {i.Type.ToText()}",
                MergeRule.All or MergeRule.Any when i.Type != DataType.Boolean => $"'{(m.Rule == MergeRule.All ? "all" : "any")}' needs a boolean, but '{i.Key}' is {i.Type.ToText()}",
                _ => null,
            };
            if (m.Rule == MergeRule.WeightedBy)
            {
                if (!byKey.TryGetValue((i.Subject, m.Base!), out var b))
                    problem = $"'{i.Key}' is weighted by '{m.Base}', which is no indicator of {i.Subject}";
                else if (b.Type is not (DataType.Number or DataType.Integer))
                    problem = $"'{i.Key}' is weighted by '{m.Base}', which is not a number";
                else if (b.Merge?.Rule != MergeRule.Sum)
                    problem = $"'{i.Key}' is weighted by '{m.Base}', whose own merge rule is not 'sum' (a base adds up)";
            }
            if (problem is not null) diagnostics.Error(DiagnosticCodes.BadMergeRule, problem, m.Location);
            if (m.Reason.Length == 0)
                diagnostics.Warning(DiagnosticCodes.BadMergeRule, $"the merge rule of '{i.Key}' gives no reason (the law or reasoning behind it)", m.Location,
                    "write it as { rule: …, reason: \"…\" }");
        }
    }

    /// <summary>Each cycle in the parent graph once, as the list of kinds along it (first repeated at the end).</summary>
    private static List<List<string>> ParentCycles(Dictionary<string, SubjectKind> kinds)
    {
        var cycles = new List<List<string>>();
        var state = new Dictionary<string, int>(); // 1 = on the current path, 2 = done
        var path = new List<string>();
        void Visit(string k)
        {
            state[k] = 1;
            path.Add(k);
            foreach (var p in kinds[k].Parents.Where(kinds.ContainsKey))
            {
                if (state.GetValueOrDefault(p) == 1) cycles.Add([.. path.Skip(path.IndexOf(p)), p]);
                else if (state.GetValueOrDefault(p) == 0) Visit(p);
            }
            path.RemoveAt(path.Count - 1);
            state[k] = 2;
        }
        foreach (var k in kinds.Keys)
            if (state.GetValueOrDefault(k) == 0) Visit(k);
        return cycles;
    }
}
