using System.Globalization;
using NtpRules.Language.Documents;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Diff;

/// <summary>
/// Compares two rule sets item by item, matching criteria, indicators, parameters, standards, classifications
/// and targets by id and parameter rows by their key values. Expressions are compared with white space normalised.
/// </summary>
public static class RuleSetDiffer
{
    public static RuleSetDiff Compare(RuleSet from, RuleSet to)
    {
        var d = new Collector();
        d.Field("rule set", "title", from.Title.ToString(), to.Title.ToString());
        d.Field("rule set", "effective", from.Effective.ToString(), to.Effective.ToString());
        d.Field("rule set", "source", from.Source, to.Source);
        d.Field("rule set", "status", from.Status.ToString().ToLowerInvariant(), to.Status.ToString().ToLowerInvariant());
        d.Field("rule set", "subject", from.Subject, to.Subject);

        d.Items(from.Definitions, to.Definitions, x => x.Id, x => $"definition {x.Id}", x => x.Expr.Text, (item, a, b) =>
        {
            d.Expr(item, "expr", a.Expr, b.Expr);
            d.Field(item, "citation", a.Citation, b.Citation);
        });

        d.Items(from.Parameters, to.Parameters, x => x.Id, x => $"parameter {x.Id}", null, (item, a, b) =>
        {
            d.Field(item, "keys", string.Join(", ", a.Keys), string.Join(", ", b.Keys));
            d.Field(item, "unit", a.Unit, b.Unit);
            d.Field(item, "type", a.Type.ToText(), b.Type.ToText());
            var rowsA = RowIds(a);
            var rowsB = RowIds(b);
            d.Items(rowsA, rowsB, x => x.Id, x => $"{item} [{x.Id}]", x => Show(x.Row.Value), (row, ra, rb) =>
            {
                d.Field(row, "value", Show(ra.Row.Value), Show(rb.Row.Value));
                d.Field(row, "effective", ra.Row.Effective?.ToString(), rb.Row.Effective?.ToString());
                d.Field(row, "citation", ra.Row.Citation, rb.Row.Citation);
                d.Field(row, "confidence", Show(ra.Row.Confidence), Show(rb.Row.Confidence));
            });
        });

        d.Items(from.Criteria, to.Criteria, x => x.Id, x => $"criterion {x.Id}", x => x.Name.ToString(), (item, a, b) =>
        {
            d.Field(item, "citation", a.Citation, b.Citation);
            d.Items(a.Indicators, b.Indicators, x => x.Id, x => $"indicator {a.Id}/{x.Id}", x => x.Condition.Text, (ind, ia, ib) =>
            {
                d.Expr(ind, "condition", ia.Condition, ib.Condition);
                d.Expr(ind, "applies_if", ia.AppliesIf, ib.AppliesIf);
                d.Field(ind, "subject", ia.Subject, ib.Subject);
                d.Field(ind, "citation", ia.Citation, ib.Citation);
            });
        });

        d.Items(from.Standards, to.Standards, x => x.Id, x => $"standard {x.Id}", null, (item, a, b) =>
        {
            d.Field(item, "criteria", a.Criteria is null ? "all" : string.Join(", ", a.Criteria), b.Criteria is null ? "all" : string.Join(", ", b.Criteria));
            d.Field(item, "at_least", a.AtLeast?.ToString(CultureInfo.InvariantCulture), b.AtLeast?.ToString(CultureInfo.InvariantCulture));
            d.Field(item, "requires", string.Join(", ", a.Requires), string.Join(", ", b.Requires));
            d.Items(a.Conditions, b.Conditions, x => x.Id, x => $"{item} condition {x.Id}", x => x.Expr.Text, (c, ca, cb) =>
            {
                d.Expr(c, "expr", ca.Expr, cb.Expr);
                d.Field(c, "citation", ca.Citation, cb.Citation);
            });
            d.Field(item, "citation", a.Citation, b.Citation);
        });

        d.Items(from.Classifications, to.Classifications, x => x.Id, x => $"classification {x.Id}", null, (item, a, b) =>
        {
            d.Field(item, "subject", a.Subject, b.Subject);
            d.Field(item, "order", string.Join(", ", a.Cases.Select(c => c.Label)), string.Join(", ", b.Cases.Select(c => c.Label)));
            d.Items(a.Cases, b.Cases, x => x.Label, x => $"{item} case {x.Label}", x => x.When.Text, (c, ca, cb) =>
            {
                d.Expr(c, "when", ca.When, cb.When);
                d.Field(c, "citation", ca.Citation, cb.Citation);
            });
            d.Field(item, "otherwise", a.Otherwise, b.Otherwise);
            d.Field(item, "citation", a.Citation, b.Citation);
        });

        d.Items(from.Targets, to.Targets, x => x.Id, x => $"target {x.Id}", x => $"{x.Actual.Text} {x.Op} {Show(x.Value)}", (item, a, b) =>
        {
            d.Field(item, "scope", a.Scope, b.Scope);
            d.Expr(item, "actual", a.Actual, b.Actual);
            d.Field(item, "op", a.Op, b.Op);
            d.Field(item, "target", Show(a.Value), Show(b.Value));
            d.Field(item, "baseline", a.Baseline?.ToString(), b.Baseline?.ToString());
            d.Field(item, "citation", a.Citation, b.Citation);
        });

        return new RuleSetDiff($"{from.Id} {from.Version}", $"{to.Id} {to.Version}", d.Changes);
    }

    /// <summary>
    /// Rows are identified by their key values ("region=TDMNPB, year=2024", or "value" for a scalar); when one
    /// parameter has several rows with the same keys (successive periods), the period is added to tell them apart.
    /// </summary>
    private static List<(string Id, ParameterRow Row)> RowIds(Parameter p)
    {
        var rows = p.Values.Select(v => (Id: p.IsTable ? v.KeyText(p.Keys) : "value", Row: v)).ToList();
        var repeated = rows.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return rows.Select(r => repeated.Contains(r.Id) ? ($"{r.Id} @ {r.Row.Effective?.ToString() ?? "always"}", r.Row) : r).ToList();
    }

    private static string Show(object value) => value switch
    {
        double d => d.ToString("0.############", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Confidence c => c.ToString().ToLowerInvariant(),
        _ => value.ToString() ?? "",
    };

    private sealed class Collector
    {
        public List<RuleSetChange> Changes { get; } = new();

        public void Field(string item, string field, string? a, string? b)
        {
            if (a != b) Changes.Add(new RuleSetChange(ChangeKind.Changed, item, field, a, b));
        }

        public void Expr(string item, string field, ExpressionText? a, ExpressionText? b) => Field(item, field, a?.Normalized, b?.Normalized);

        /// <summary>Removed items (in old order), then for each new item: added, or compared with its old counterpart.</summary>
        public void Items<T>(IEnumerable<T> old, IEnumerable<T> @new, Func<T, string> id, Func<T, string> label, Func<T, string?>? summary,
            Action<string, T, T> compare)
        {
            var oldById = old.GroupBy(id).ToDictionary(g => g.Key, g => g.First());
            var newIds = @new.Select(id).ToHashSet();
            foreach (var o in oldById.Values.Where(o => !newIds.Contains(id(o))))
                Changes.Add(new RuleSetChange(ChangeKind.Removed, label(o), null, summary?.Invoke(o), null));
            foreach (var n in @new)
            {
                if (oldById.TryGetValue(id(n), out var o)) compare(label(n), o, n);
                else Changes.Add(new RuleSetChange(ChangeKind.Added, label(n), null, null, summary?.Invoke(n)));
            }
        }
    }
}
