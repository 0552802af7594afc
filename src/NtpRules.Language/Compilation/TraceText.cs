using NtpRules.Language.Expressions.Evaluation;

namespace NtpRules.Language.Compilation;

/// <summary>The plain-text pieces of reasons: values read, thresholds used, missing names, notes.</summary>
internal static class TraceText
{
    public static string Values(ExpressionTrace trace) =>
        string.Join(", ", trace.Values.Select(v => $"{v.Name} = {v.Value}"));

    public static string Thresholds(ExpressionTrace trace) =>
        string.Join(", ", trace.Thresholds.Select(t => t.Value.HasValue
            ? t.Keys.Count == 0 ? $"{t.Parameter.Name} = {t.Value.Value}" : $"{t.Parameter.Name} = {t.Value.Value} for {t.Keys.Describe(t.Parameter.Keys)}"
            : $"{t.Parameter.Name} has no value in force"));

    /// <summary>"with a = 1, b = 2; threshold p = 80" — empty parts left out.</summary>
    public static string Details(ExpressionTrace trace)
    {
        var parts = new List<string>();
        if (trace.Values.Count > 0) parts.Add("with " + Values(trace));
        if (trace.Thresholds.Count > 0) parts.Add("threshold " + Thresholds(trace));
        if (trace.Notes.Count > 0) parts.Add(string.Join("; ", trace.Notes));
        return string.Join("; ", parts);
    }

    public static string Number(double n) => Value.FormatNumber(n);
}
