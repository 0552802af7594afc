using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Yaml;

namespace NtpRules.Language.RuleSets;

/// <summary>
/// Loads one rule-set file (format section 2) and checks its structure against the catalogue: shapes, types,
/// dates, citations, unique ids, table keys and overlapping parameter rows. Expressions are checked afterwards by
/// <see cref="RuleSetChecker"/> once the whole library is known.
/// </summary>
public static class RuleSetLoader
{
    private static readonly IReadOnlyDictionary<string, RuleSetStatus> Statuses = new Dictionary<string, RuleSetStatus>
    {
        ["draft"] = RuleSetStatus.Draft, ["active"] = RuleSetStatus.Active, ["retired"] = RuleSetStatus.Retired,
    };

    private static readonly IReadOnlyDictionary<string, Confidence> Confidences = new Dictionary<string, Confidence>
    {
        ["confirmed"] = Confidence.Confirmed, ["provisional"] = Confidence.Provisional, ["inferred"] = Confidence.Inferred,
    };

    private static readonly IReadOnlyDictionary<string, bool> Published = new Dictionary<string, bool> { ["true"] = true, ["false"] = false };

    /// <summary>Returns null when the file is too broken to describe a rule set; every problem is in <paramref name="diagnostics"/>.</summary>
    public static RuleSet? Load(SourceFile file, IndicatorCatalogue catalogue, DiagnosticBag diagnostics, YamlLimits? limits = null)
    {
        var root = YamlDocumentLoader.Load(file.Path, file.Text, diagnostics, limits);
        if (root is null) return null;
        var r = new DocumentReader(diagnostics);
        var m = r.OpenMapping(root, "the rule set", KnownKeys.RuleSet);
        if (m is null) return null;
        r.Kind(m, "rule_set", "the rule set");

        var id = r.String(m, "id", "the rule set", required: true);
        var version = r.String(m, "version", "the rule set", required: true);
        var what = $"rule set '{id}'";
        var effective = r.Effective(m, "effective", what, required: true);
        var source = r.String(m, "source", what, required: true);
        var status = r.Choice(m, "status", what, Statuses) ?? RuleSetStatus.Active;
        var subject = r.String(m, "subject", what, required: true);
        if (subject is not null) CheckKind(subject, m["subject"]!, catalogue, r);
        var title = r.Text(m, "title", what, required: true) ?? LocalizedText.Empty;

        var ids = new IdRegistry(diagnostics);
        var definitions = ReadDefinitions(r, m, ids);
        var parameters = ReadParameters(r, m, ids, catalogue, subject, definitions);
        // Both forms give the same parameters; in file order, so that listings follow the file.
        parameters.AddRange(DecisionTableReader.Read(r, m, ids.Add, catalogue, subject, definitions));
        parameters.Sort((a, b) => (a.Location.Line, a.Location.Column).CompareTo((b.Location.Line, b.Location.Column)));
        if (subject is not null) WarnHidden(r, catalogue, subject, m);
        var criteria = ReadCriteria(r, m, ids, catalogue, subject);
        var standards = ReadStandards(r, m, ids, criteria);
        var classifications = ReadClassifications(r, m, ids, catalogue, subject);
        var targets = ReadTargets(r, m, ids, catalogue);

        if (id is null || version is null || effective is null || subject is null) return null;
        return new RuleSet(id, version, title, effective.Value, source ?? "", status, subject,
            definitions, parameters, criteria, standards, classifications, targets, file)
        {
            IdLocation = m["id"]!.Location,
            VersionLocation = m["version"]!.Location,
            EffectiveLocation = m["effective"]!.Location,
        };
    }

    /// <summary>A definition or parameter named like an indicator of the subject hides it in every expression: worth a warning.</summary>
    private static void WarnHidden(DocumentReader r, IndicatorCatalogue catalogue, string subject, YamlMapping m)
    {
        static IEnumerable<YamlMapping> Items(YamlNode? section) => (section as YamlSequence)?.Items.OfType<YamlMapping>() ?? [];
        var named = Items(m["definitions"]).Select(i => ("definition", i)).Concat(Items(m["parameters"]).Select(i => ("parameter", i)))
            .Concat(Items(m["parameter_tables"]).SelectMany(t => Items(t["rows"])).Select(i => ("parameter", i)));
        var warned = new HashSet<string>(); // the rows of one parameter in a decision table are one parameter
        foreach (var (what, item) in named)
            if (item["id"] is YamlScalar id && (catalogue.FindIndicator(subject, id.Value) is not null || catalogue.FindDerived(subject, id.Value) is not null) &&
                warned.Add($"{what} {id.Value}"))
                r.Diagnostics.Warning(DiagnosticCodes.HidesIndicator,
                    $"the {what} '{id.Value}' hides the indicator '{id.Value}' of {subject} in every expression of this rule set", id.Location,
                    "rename it unless it is meant to replace the data column");
    }

    private static void CheckKind(string kind, YamlNode at, IndicatorCatalogue catalogue, DocumentReader r)
    {
        if (catalogue.Subjects.Count == 0 || catalogue.FindKind(kind) is not null) return;
        r.Diagnostics.Error(DiagnosticCodes.UnknownSubjectKind, $"unknown subject kind '{kind}'", at.Location,
            EditDistance.Hint(kind, catalogue.Subjects.Select(s => s.Kind)));
    }

    private static List<Definition> ReadDefinitions(DocumentReader r, YamlMapping m, IdRegistry ids)
    {
        var result = new List<Definition>();
        foreach (var node in r.List(m, "definitions", "the rule set"))
        {
            var d = r.OpenMapping(node, "a definition", KnownKeys.Definition);
            if (d is null) continue;
            var id = r.String(d, "id", "a definition", required: true);
            var what = $"definition '{id}'";
            var expr = r.Expression(d, "expr", what);
            var citation = r.Citation(d, what, required: false);
            if (id is null || expr is null) continue;
            ids.Add("name", id, d);
            result.Add(new Definition(id, expr, citation, d.Location));
        }
        return result;
    }

    private static List<Parameter> ReadParameters(DocumentReader r, YamlMapping m, IdRegistry ids, IndicatorCatalogue catalogue, string? subject,
        List<Definition> definitions)
    {
        var result = new List<Parameter>();
        foreach (var node in r.List(m, "parameters", "the rule set"))
        {
            var p = r.OpenMapping(node, "a parameter", KnownKeys.Parameter);
            if (p is null) continue;
            var id = r.String(p, "id", "a parameter", required: true);
            var what = $"parameter '{id}'";
            var type = r.Choice(p, "type", what, DataTypeText.ByName) ?? DataType.Number;
            var keys = ReadKeys(r, p, what, catalogue, subject, definitions);

            var rows = new List<ParameterRow>();
            var hasValue = p["value"] is not null || p["published"] is not null; // an unpublished scalar has no value
            var hasValues = p["values"] is not null;
            if (hasValue == hasValues)
                r.Diagnostics.Error(DiagnosticCodes.ValueOrValues, $"{what} must have either 'value' or 'values'", p.Location);
            else if (hasValue)
            {
                if (keys.Length > 0)
                    r.Diagnostics.Error(DiagnosticCodes.ValueOrValues, $"{what} has 'keys' so its rows go under 'values', not 'value'", p.KeyOf("value")!.Location);
                else if (ReadRow(r, p, type, what, []) is { } row) rows.Add(row);
            }
            else
            {
                foreach (var rowNode in r.List(p, "values", what))
                {
                    var rm = r.Mapping(rowNode, $"a row of {what}");
                    if (rm is null) continue;
                    r.CheckKeys(rm, $"a row of {what}", KnownKeys.ParameterRow, keys);
                    if (ReadRow(r, rm, type, what, keys) is { } row) rows.Add(row);
                }
                CheckOverlaps(r, what, keys, rows);
            }
            if (id is null) continue;
            ids.Add("name", id, p);
            result.Add(new Parameter(id, r.Text(p, "title", what) ?? LocalizedText.Empty, type, r.String(p, "unit", what), keys, rows, p.Location));
        }
        return result;
    }

    /// <summary>The <c>keys:</c> of a table: each must be an indicator or derived indicator of the subject, a definition or <c>year</c>/<c>as_of</c>.</summary>
    internal static string[] ReadKeys(DocumentReader r, YamlMapping m, string what, IndicatorCatalogue catalogue, string? subject, List<Definition> definitions,
        bool required = false)
    {
        var keyNodes = r.Words(m, "keys", what, required);
        foreach (var k in keyNodes)
        {
            var known = k.Value is "year" or "as_of" || definitions.Any(d => d.Id == k.Value) || catalogue.Subjects.Count == 0 ||
                (subject is not null && (catalogue.FindIndicator(subject, k.Value) is not null || catalogue.FindDerived(subject, k.Value) is not null));
            if (!known)
                r.Diagnostics.Error(DiagnosticCodes.UnknownTableKey, $"table key '{k.Value}' of {what} is not an indicator of {subject}, a definition or 'year'",
                    k.Location, EditDistance.Hint(k.Value, KeyCandidates(catalogue, subject, definitions)));
        }
        return keyNodes.Select(k => k.Value).ToArray();
    }

    private static IEnumerable<string> KeyCandidates(IndicatorCatalogue catalogue, string? subject, List<Definition> definitions) =>
        ["year", .. definitions.Select(d => d.Id), .. subject is null ? [] : catalogue.IndicatorsOf(subject).Select(i => i.Key),
            .. subject is null ? [] : catalogue.DerivedOf(subject).Select(i => i.Key)];

    private static ParameterRow? ReadRow(DocumentReader r, YamlMapping row, DataType type, string what, string[] keys)
    {
        var keyValues = new Dictionary<string, string>();
        var keyLocations = new Dictionary<string, SourceLocation>();
        var complete = true;
        foreach (var k in keys)
        {
            if (row[k] is YamlScalar { IsNull: false } s) (keyValues[k], keyLocations[k]) = (s.Value, s.Location);
            else
            {
                r.Diagnostics.Error(DiagnosticCodes.RowKeysMismatch, $"a row of {what} gives no value for its table key '{k}'", row.Location,
                    $"add '{k}: …' (or '{k}: \"*\"' for any value)");
                complete = false;
            }
        }
        var valueNode = row["value"];
        object? value = null;
        var published = r.Choice(row, "published", what, Published) ?? true;
        if (!published)
        {
            // The law gives no number: the row is in force, and a lookup of it is unknown ("no threshold published").
            if (valueNode is YamlScalar { IsNull: false } or YamlMapping or YamlSequence)
                r.Diagnostics.Error(DiagnosticCodes.UnpublishedWithValue, $"a row of {what} says 'published: false', so it cannot have a value", valueNode.Location,
                    "remove 'value', or remove 'published: false' and cite where the value comes from");
            else value = ParameterRow.NotPublished;
        }
        else if (valueNode is YamlScalar { IsNull: false } vs) value = r.Typed(vs, type, $"the value of {what}");
        else if (valueNode is null)
            r.Diagnostics.Error(DiagnosticCodes.MissingKey, $"a row of {what} has no 'value'", row.Location);
        else
            r.Diagnostics.Error(DiagnosticCodes.ParameterValueType, $"the value of {what} must be a single {type.ToText()}, found {valueNode.ShapeName}", valueNode.Location);
        var effective = r.Effective(row, "effective", what);
        var citation = r.Citation(row, $"a value of {what}", required: false);
        var (confidence, derivation) = Provenance(r, row, what, Confidence.Provisional);
        if (value is null || !complete) return null;
        return new ParameterRow(keyValues, value, effective, citation, confidence, row.Location, derivation) { KeyLocations = keyLocations };
    }

    /// <summary>A row's <c>confidence</c> (or <paramref name="fallback"/>) and <c>derivation</c>, which goes with <c>inferred</c> and only with it.</summary>
    internal static (Confidence Confidence, string? Derivation) Provenance(DocumentReader r, YamlMapping row, string what, Confidence fallback)
    {
        var confidence = r.Choice(row, "confidence", what, Confidences) ?? fallback;
        var derivation = r.String(row, "derivation", what);
        if (confidence == Confidence.Inferred && derivation is null)
            r.Diagnostics.Error(DiagnosticCodes.DerivationMismatch, $"a row of {what} is 'confidence: inferred' but says no 'derivation'", row.Location,
                "add 'derivation: …' saying how the value was computed, e.g. \"1.10 × income_min for the same region and year\"");
        else if (confidence != Confidence.Inferred && derivation is not null)
            r.Diagnostics.Error(DiagnosticCodes.DerivationMismatch, $"a row of {what} has a 'derivation' but is not 'confidence: inferred'", row.KeyOf("derivation")!.Location,
                "a value computed from another value is 'confidence: inferred'");
        return (confidence, derivation);
    }

    internal static Confidence? ReadConfidence(DocumentReader r, YamlMapping m, string what) => r.Choice(m, "confidence", what, Confidences);

    internal static void CheckOverlaps(DocumentReader r, string what, string[] keys, List<ParameterRow> rows)
    {
        for (var i = 0; i < rows.Count; i++)
            for (var j = 0; j < i; j++)
            {
                var a = rows[j];
                var b = rows[i];
                if (!keys.All(k => a.KeyValues[k] == b.KeyValues[k])) continue;
                var overlap = a.Effective is not { } ea || b.Effective is not { } eb || ea.Overlaps(eb);
                if (overlap)
                {
                    r.Diagnostics.Error(DiagnosticCodes.OverlappingRows,
                        $"two rows of {what} match the same keys ({b.KeyText(keys)}) on overlapping dates (the other is at line {a.Location.Line})", b.Location);
                    break;
                }
            }
    }

    private static List<Criterion> ReadCriteria(DocumentReader r, YamlMapping m, IdRegistry ids, IndicatorCatalogue catalogue, string? subject)
    {
        var result = new List<Criterion>();
        foreach (var node in r.List(m, "criteria", "the rule set"))
        {
            var c = r.OpenMapping(node, "a criterion", KnownKeys.Criterion);
            if (c is null) continue;
            var id = r.String(c, "id", "a criterion", required: true);
            var what = $"criterion '{id}'";
            var citation = r.Citation(c, what, required: true);
            var indicators = new List<CriterionIndicator>();
            foreach (var iNode in r.List(c, "indicators", what, required: true))
            {
                var i = r.OpenMapping(iNode, $"an indicator of {what}", KnownKeys.CriterionIndicator);
                if (i is null) continue;
                var iid = r.String(i, "id", $"an indicator of {what}", required: true);
                var iwhat = $"indicator '{iid}'";
                var isubject = r.String(i, "subject", iwhat);
                if (isubject is not null) CheckKind(isubject, i["subject"]!, catalogue, r);
                var condition = r.Expression(i, "condition", iwhat);
                var appliesIf = r.Expression(i, "applies_if", iwhat, required: false);
                var icitation = r.Citation(i, iwhat, required: true);
                if (iid is null || condition is null) continue;
                ids.Add("indicator", iid, i);
                indicators.Add(new CriterionIndicator(iid, r.Text(i, "name", iwhat) ?? LocalizedText.Empty, isubject ?? subject ?? "",
                    condition, appliesIf, icitation, i.Location));
            }
            if (id is null) continue;
            ids.Add("criterion", id, c);
            result.Add(new Criterion(id, r.Integer(c, "number", what), r.String(c, "group", what), r.Text(c, "name", what) ?? LocalizedText.Empty,
                citation, indicators, c.Location));
        }
        return result;
    }

    private static List<Standard> ReadStandards(DocumentReader r, YamlMapping m, IdRegistry ids, List<Criterion> criteria)
    {
        var result = new List<Standard>();
        foreach (var node in r.List(m, "standards", "the rule set"))
        {
            var s = r.OpenMapping(node, "a standard", KnownKeys.Standard);
            if (s is null) continue;
            var id = r.String(s, "id", "a standard", required: true);
            var what = $"standard '{id}'";
            IReadOnlyList<string>? listed = null;
            var count = criteria.Count;
            if (s["criteria"] is YamlScalar { Value: "all" }) { }
            else if (s["criteria"] is YamlScalar other && !other.IsNull)
                r.Diagnostics.Error(DiagnosticCodes.WrongShape, $"'criteria' of {what} must be 'all' or a list of criterion ids", other.Location);
            else if (s["criteria"] is not null)
            {
                var words = r.Words(s, "criteria", what);
                foreach (var w in words.Where(w => criteria.All(c => c.Id != w.Value)))
                    r.Diagnostics.Error(DiagnosticCodes.UnknownCriterion, $"{what} lists an unknown criterion '{w.Value}'", w.Location,
                        EditDistance.Hint(w.Value, criteria.Select(c => c.Id)));
                listed = words.Select(w => w.Value).ToArray();
                count = listed.Count;
            }
            var atLeast = r.Integer(s, "at_least", what);
            if (atLeast is { } k && (k < 1 || k > count))
                r.Diagnostics.Error(DiagnosticCodes.AtLeastOutOfRange, $"'at_least' of {what} is {k}, but it counts {count} criteria", s["at_least"]!.Location);
            var requireWords = r.Words(s, "requires", what);
            var conditions = new List<StandardCondition>();
            foreach (var cNode in r.List(s, "conditions", what))
            {
                var c = r.OpenMapping(cNode, $"a condition of {what}", KnownKeys.StandardCondition);
                if (c is null) continue;
                var cid = r.String(c, "id", $"a condition of {what}", required: true);
                var expr = r.Expression(c, "expr", $"condition '{cid}' of {what}");
                var ccitation = r.Citation(c, $"condition '{cid}' of {what}", required: false);
                if (cid is not null && expr is not null) conditions.Add(new StandardCondition(cid, expr, ccitation, c.Location));
            }
            var citation = r.Citation(s, what, required: false);
            if (id is null) continue;
            ids.Add("standard", id, s);
            result.Add(new Standard(id, r.Text(s, "name", what) ?? LocalizedText.Empty, listed, atLeast, requireWords.Select(w => w.Value).ToArray(),
                conditions, citation, s.Location) { RequiresLocations = requireWords.Select(w => w.Location).ToArray() });
        }
        return result;
    }

    private static List<Classification> ReadClassifications(DocumentReader r, YamlMapping m, IdRegistry ids, IndicatorCatalogue catalogue, string? subject)
    {
        var result = new List<Classification>();
        foreach (var node in r.List(m, "classifications", "the rule set"))
        {
            var c = r.OpenMapping(node, "a classification", KnownKeys.Classification);
            if (c is null) continue;
            var id = r.String(c, "id", "a classification", required: true);
            var what = $"classification '{id}'";
            var csubject = r.String(c, "subject", what);
            if (csubject is not null) CheckKind(csubject, c["subject"]!, catalogue, r);
            var citation = r.Citation(c, what, required: false);
            var cases = new List<ClassificationCase>();
            foreach (var caseNode in r.List(c, "cases", what, required: true))
            {
                var k = r.OpenMapping(caseNode, $"a case of {what}", KnownKeys.ClassificationCase);
                if (k is null) continue;
                var label = r.String(k, "label", $"a case of {what}", required: true);
                var when = r.Expression(k, "when", $"case '{label}' of {what}");
                var kcitation = r.Citation(k, $"case '{label}' of {what}", required: false);
                if (label is not null && when is not null) cases.Add(new ClassificationCase(label, when, kcitation, k.Location));
            }
            if (c["cases"] is YamlSequence { Items.Count: 0 } empty)
                r.Diagnostics.Error(DiagnosticCodes.NoCases, $"{what} has no cases", empty.Location);
            if (id is null) continue;
            ids.Add("name", id, c);
            result.Add(new Classification(id, csubject ?? subject ?? "", citation, cases, r.String(c, "otherwise", what), c.Location));
        }
        return result;
    }

    private static List<Target> ReadTargets(DocumentReader r, YamlMapping m, IdRegistry ids, IndicatorCatalogue catalogue)
    {
        var result = new List<Target>();
        var ops = Target.Operators.ToDictionary(o => o, o => 0);
        foreach (var node in r.List(m, "targets", "the rule set"))
        {
            var t = r.OpenMapping(node, "a target", KnownKeys.Target);
            if (t is null) continue;
            var id = r.String(t, "id", "a target", required: true);
            var what = $"target '{id}'";
            var scope = r.String(t, "scope", what, required: true);
            if (scope is not null and not "all") CheckKind(scope, t["scope"]!, catalogue, r);
            var actual = r.Expression(t, "actual", what);
            var op = r.Choice(t, "op", what, ops, required: true) is not null ? r.String(t, "op", what)!.Trim() : null;
            var value = r.Number(t, "target", what, required: true);
            TargetBaseline? baseline = null;
            if (t["baseline"] is { } bNode && r.OpenMapping(bNode, $"'baseline' of {what}", KnownKeys.Baseline) is { } b)
                baseline = new TargetBaseline(r.String(b, "period", what), r.String(b, "dataset", what), r.String(b, "description", what));
            var citation = r.Citation(t, what, required: false);
            if (id is null || scope is null || actual is null || op is null || value is null) continue;
            ids.Add("target", id, t);
            var confidence = r.Choice(t, "confidence", what, Confidences) ?? Confidence.Provisional;
            result.Add(new Target(id, r.Text(t, "name", what) ?? LocalizedText.Empty, scope, actual, op, value.Value, baseline, citation, t.Location, confidence));
        }
        return result;
    }

    /// <summary>Reports an id used twice within one namespace of a rule set, pointing at the second with the first's line.</summary>
    internal sealed class IdRegistry(DiagnosticBag diagnostics)
    {
        private readonly Dictionary<(string, string), SourceLocation> _seen = new();

        public void Add(string space, string id, YamlMapping at)
        {
            var loc = at.KeyOf("id")?.Location ?? at.Location;
            if (!_seen.TryAdd((space, id), loc))
                diagnostics.Error(DiagnosticCodes.DuplicateId, $"the {(space == "name" ? "name" : space)} '{id}' is defined twice (first at line {_seen[(space, id)].Line})", loc);
        }
    }
}
