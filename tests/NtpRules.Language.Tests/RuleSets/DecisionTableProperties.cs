using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NtpRules.Language.Versions;

namespace NtpRules.Language.Tests.RuleSets;

/// <summary>Random tables written in both forms compile to equal parameters and equal lookups for every key value.</summary>
public class DecisionTableProperties
{
    private static readonly string[] Regions = ["TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL"];

    private sealed record Row(string Id, int? Year, string Confidence, double?[] Cells);

    private sealed record Table(string[] Columns, bool ByYear, Row[] Rows);

    private static Gen<Table> Tables() =>
        from columns in Gen.Shuffle(Regions.Append("*").ToArray()).SelectMany(all => Gen.Choose(1, all.Length).Select(n => all.Take(n).ToArray()))
        from byYear in Gen.Elements(true, false)
        from parameters in Gen.Choose(1, 3)
        from rows in Gen.Choose(0, parameters - 1).SelectMany(p => Gen.Elements(2022, 2023, 2025).Select(y => (p, y))).NonEmptyListOf()
            .Select(l => (byYear ? l.Distinct() : l.DistinctBy(x => x.p)).ToArray())
        from cells in Gen.Elements<double?>(null, 0, 39, 47.5, 100, 1e-3).ArrayOf(columns.Length).ArrayOf(rows.Length)
        from confidences in Gen.Elements("confirmed", "provisional").ArrayOf(rows.Length)
        select new Table(columns, byYear,
            rows.Select((r, i) => new Row($"p{r.p}_min", byYear ? r.y : null, confidences[i], cells[i])).ToArray());

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Keys(Table t) => t.ByYear ? "[region, year]" : "[region]";

    private static string LongForm(Table t)
    {
        var text = new StringBuilder("parameters:\n");
        foreach (var group in t.Rows.GroupBy(r => r.Id))
        {
            var rows = new List<string>();
            foreach (var row in group)
                for (var i = 0; i < t.Columns.Length; i++)
                    if (row.Cells[i] is { } v)
                        rows.Add($"      - {{ region: '{t.Columns[i]}', {(row.Year is { } y ? $"year: {y}, " : "")}value: {Number(v)}, " +
                                 $"citation: \"Decision 318/QĐ-TTg, {row.Id} ({(t.Columns[i] == "*" ? "any other region" : t.Columns[i])})\", confidence: {row.Confidence} }}\n");
            text.Append($"  - id: {group.Key}\n    unit: \"%\"\n    keys: {Keys(t)}\n    values:{(rows.Count == 0 ? " []" : "")}\n").AppendJoin("", rows);
        }
        return text.ToString();
    }

    private static string TableForm(Table t)
    {
        var text = new StringBuilder($"parameter_tables:\n  - keys: {Keys(t)}\n    columns: [{string.Join(", ", t.Columns.Select(c => $"'{c}'"))}]\n    unit: \"%\"\n    rows:\n");
        foreach (var row in t.Rows)
            text.Append($"      - {{ id: {row.Id}, {(row.Year is { } y ? $"year: {y}, " : "")}")
                .Append($"values: [{string.Join(", ", row.Cells.Select(c => c is { } v ? Number(v) : "~"))}], ")
                .Append($"citation: \"Decision 318/QĐ-TTg, {row.Id}\", confidence: {row.Confidence} }}\n");
        return text.ToString();
    }

    [Fact]
    public void Random_tables_in_both_forms_compile_to_equal_parameter_lookups()
    {
        Prop.ForAll(Tables().ToArbitrary(), t =>
        {
            var longForm = TestYaml.RuleSet(TestYaml.Header + LongForm(t));
            var tableForm = TestYaml.RuleSet(TestYaml.Header + TableForm(t));
            if (!longForm.Parameters.Select(DecisionTableTests.Shape).SequenceEqual(tableForm.Parameters.Select(DecisionTableTests.Shape)))
                return false.Label($"parameters differ:\n{LongForm(t)}\n{TableForm(t)}");
            foreach (var (a, b) in longForm.Parameters.Zip(tableForm.Parameters))
                foreach (var region in Regions.Append("elsewhere"))
                    foreach (var year in new[] { 2022, 2023, 2024, 2025 })
                    {
                        var keys = new Dictionary<string, string> { ["region"] = region };
                        var day = new DateOnly(year, 6, 30);
                        var (x, y) = (ParameterSelector.Lookup(a, keys, day), ParameterSelector.Lookup(b, keys, day));
                        if (!Equals(x?.Value, y?.Value) || (x?.Citation, x?.Confidence) != (y?.Citation, y?.Confidence))
                            return false.Label($"{a.Id} for {region} in {year}: {x?.Value} ({x?.Citation}) against {y?.Value} ({y?.Citation})");
                    }
            return true.Label("equal");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }
}
