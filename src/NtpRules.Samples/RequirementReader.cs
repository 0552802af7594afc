using System.Globalization;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Expressions.Syntax;
using NtpRules.Language.RuleSets;
using NtpRules.Language.Versions;

namespace NtpRules.Samples;

/// <summary>
/// Reads the criteria of a rule-set version as <see cref="Requirement"/>s, with every threshold looked up in the
/// rule file for the given as-of date and table keys (e.g. effective_region = TDMNPB, commune_group = 3). Only the
/// simple forms commune criteria use are understood: <c>flag</c>, <c>column op threshold</c> where the threshold is
/// a number, a parameter or a product of those, and definitions of the form <c>coalesce(column, …)</c>.
/// </summary>
internal sealed class RequirementReader(RuleSet set, DateOnly asOf, IReadOnlyDictionary<string, string> keyValues)
{
    public IReadOnlyList<CriterionRequirements> Read() =>
        set.Criteria.Select(c => new CriterionRequirements(c.Id, c.Indicators.Select(i => Read(c.Id, i)).ToArray())).ToArray();

    private Requirement Read(string criterionId, CriterionIndicator indicator)
    {
        var condition = Parse(indicator.Condition.Text);
        string? appliesIf = indicator.AppliesIf is { } a && Parse(a.Text) is NameExpr n ? Column(n.Name) : null;
        return condition switch
        {
            NameExpr name => new Requirement(criterionId, indicator.Id, Column(name.Name), RequirementOp.IsTrue, 1, appliesIf),
            BinaryExpr { Left: NameExpr left } b when OpOf(b.Operator) is { } op =>
                new Requirement(criterionId, indicator.Id, Column(left.Name), op, Threshold(b.Right), appliesIf),
            _ => throw Unsupported(indicator.Condition.Text),
        };
    }

    private static RequirementOp? OpOf(BinaryOperator op) => op switch
    {
        BinaryOperator.GreaterOrEqual => RequirementOp.AtLeast,
        BinaryOperator.Greater => RequirementOp.MoreThan,
        BinaryOperator.LessOrEqual => RequirementOp.AtMost,
        BinaryOperator.Less => RequirementOp.LessThan,
        _ => null,
    };

    private Expr Parse(string text)
    {
        var bag = new DiagnosticBag();
        return ExpressionParser.Parse(text, SourceLocation.None(set.File.Path), bag) ?? throw Unsupported(text);
    }

    /// <summary>The data column behind a name: a definition <c>coalesce(column, …)</c> stands for its first column.</summary>
    private string Column(string name) =>
        set.Definitions.FirstOrDefault(d => d.Id == name) is { } d
            ? Parse(d.Expr.Text) is CallExpr { Function: "coalesce", Arguments: [NameExpr first, ..] } ? first.Name : throw Unsupported(d.Expr.Text)
            : name;

    private double Threshold(Expr e) => e switch
    {
        NumberLiteral n => n.Value,
        NameExpr p => Lookup(p.Name),
        BinaryExpr { Operator: BinaryOperator.Multiply } m => Threshold(m.Left) * Threshold(m.Right),
        _ => throw Unsupported(e.ToString()),
    };

    /// <summary>The value of a parameter in force on the as-of date for the key values (an exact key first, then '*').</summary>
    public double Lookup(string parameterId)
    {
        var p = set.FindParameter(parameterId) ?? throw new InvalidOperationException($"{set}: no parameter '{parameterId}'");
        var row = ParameterSelector.Lookup(p, keyValues, asOf)
            ?? throw new InvalidOperationException($"{set}: no value of '{parameterId}' on {asOf:yyyy-MM-dd} for {string.Join(", ", p.Keys.Select(k => $"{k}={keyValues.GetValueOrDefault(k)}"))}");
        return Convert.ToDouble(row.Value, CultureInfo.InvariantCulture);
    }

    private InvalidOperationException Unsupported(string text) =>
        new($"{set}: the sample generator cannot derive values for '{text}'");
}
