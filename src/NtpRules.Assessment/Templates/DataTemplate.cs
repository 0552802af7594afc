using System.Globalization;
using NtpRules.Language.Catalogue;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.Assessment.Templates;

/// <summary>What a column of a data template holds: its header, names, unit, allowed values, and what it feeds.</summary>
public sealed record TemplateColumn(string Key, string Vietnamese, string English, string Unit, string Type, string Allowed, string Feeds);

/// <summary>
/// The data columns a standard in force needs from its subjects: the subject's id, name and parent-id columns, then
/// every catalogue indicator its criteria, conditions and required standards read (through definitions, table
/// parameters' keys and derived indicators), in catalogue order. Indicators computed from child records (household
/// rates) are not columns of the subject; they are named in <see cref="Computed"/>.
/// </summary>
public sealed record DataTemplate(
    string Standard,
    RuleSet RuleSet,
    string Kind,
    IReadOnlyList<TemplateColumn> Columns,
    IReadOnlyList<string> Computed,
    DateOnly AsOf)
{
    /// <summary>The template's file name without extension: communes-ntm-commune-2025-12-31 (its kind and date read back from it).</summary>
    public string FileName => $"{Kind}s-{Standard}-{AsOf:yyyy-MM-dd}";

    /// <summary>The template of <paramref name="standard"/> in force on <paramref name="asOf"/>; null with errors (an unknown id with the closest one, or not in force).</summary>
    public static DataTemplate? For(RuleLibrary library, string standard, DateOnly asOf, DiagnosticBag diagnostics)
    {
        StandardChoice.Check(library, asOf, [standard], diagnostics);
        if (diagnostics.HasErrors) return null;
        var inForce = library.AllInForce(asOf);
        var set = inForce.First(s => s.Standards.Any(x => x.Id == standard));
        var kind = set.Subject;

        // What each indicator feeds: criterion › indicator of the standard and of the standards it requires.
        var feeds = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var computed = new SortedSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        void Read(ExpressionText? expression, string feeding)
        {
            if (expression is null || library.Checked(expression) is not { } checkedExpr) return;
            foreach (var symbol in checkedExpr.Indicators.Where(s => s.SubjectKind == kind))
            {
                if (library.Catalogue.FindIndicator(kind, symbol.Name) is not null)
                {
                    if (!feeds.TryGetValue(symbol.Name, out var list)) feeds[symbol.Name] = list = [];
                    if (!list.Contains(feeding)) list.Add(feeding);
                }
                else if (library.Catalogue.FindDerived(kind, symbol.Name) is { } derived)
                {
                    computed.Add(symbol.Name);
                    Read(derived.Expr, feeding);
                }
            }
        }
        void Visit(string id)
        {
            if (!visited.Add(id)) return;
            var owner = inForce.FirstOrDefault(s => s.Standards.Any(x => x.Id == id));
            var std = owner?.Standards.First(x => x.Id == id);
            if (owner is null || std is null) return;
            foreach (var criterionId in std.CriteriaIn(owner))
                if (owner.FindCriterion(criterionId) is { } criterion)
                    foreach (var indicator in criterion.Indicators.Where(i => i.Subject == kind))
                    {
                        var feeding = $"{owner.Id} {criterion.Id} › {indicator.Id} {indicator.Name.Get("vi")}";
                        Read(indicator.Condition, feeding);
                        Read(indicator.AppliesIf, feeding);
                    }
            foreach (var condition in std.Conditions) Read(condition.Expr, $"{owner.Id} {std.Id}: {condition.Id}");
            foreach (var required in std.Requires) Visit(required);
        }
        Visit(standard);

        var subject = library.Catalogue.FindKind(kind);
        var columns = new List<TemplateColumn>
        {
            new("id", $"Mã {Lower(subject?.Name.Vi) ?? kind}", $"{kind} id", "", "text", "unique per file set", "required"),
            new("name", $"Tên {Lower(subject?.Name.Vi) ?? kind}", $"{kind} name", "", "text", "", "reports"),
        };
        foreach (var parent in subject?.Parents ?? [])
        {
            var p = library.Catalogue.FindKind(parent);
            columns.Add(new($"{parent}_id", $"Mã {Lower(p?.Name.Vi) ?? parent}", $"id of the {parent} it belongs to", "", "text",
                "an id of the data's " + parent + " records", "roll-ups (at least one parent column needs a value)"));
        }
        foreach (var indicator in library.Catalogue.IndicatorsOf(kind).Where(i => feeds.ContainsKey(i.Key)))
            columns.Add(new(indicator.Key, indicator.Title ?? "", indicator.Description.En ?? indicator.Description.Plain ?? "", indicator.Unit ?? "",
                indicator.Type.ToText(), Allowed(indicator), string.Join("; ", feeds[indicator.Key])));
        return new DataTemplate(standard, set, kind, columns, computed.ToArray(), asOf);
    }

    private static string? Lower(string? text) => text is null ? null : char.ToLower(text[0], CultureInfo.GetCultureInfo("vi-VN")) + text[1..];

    private static string Allowed(CatalogueIndicator i) => i.Type switch
    {
        DataType.Enum => string.Join(", ", i.Values),
        DataType.Boolean => "true / false (có / không, 1 / 0)",
        DataType.Date => "yyyy-MM-dd",
        DataType.Number or DataType.Integer when i.Min is not null || i.Max is not null =>
            $"{(i.Type == DataType.Integer ? "whole number" : "number")} from {Bound(i.Min)} to {Bound(i.Max)}",
        DataType.Integer => "whole number",
        DataType.Number => "number",
        _ => "text",
    } + "; empty, -, N/A or 'không có số liệu' for unknown";

    private static string Bound(double? b) => b?.ToString(CultureInfo.InvariantCulture) ?? "…";
}
