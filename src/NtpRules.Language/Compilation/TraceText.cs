using System.Text;
using NtpRules.Language.Expressions.Evaluation;
using NtpRules.Language.Expressions.Explain;

namespace NtpRules.Language.Compilation;

/// <summary>The plain-text pieces of reasons: values read, thresholds used, missing names, notes.</summary>
internal static class TraceText
{
    /// <summary>"with a = 1, b = 2; threshold p = 80 for region=TDMNPB; notes" — empty parts left out.</summary>
    public static string Details(ExpressionTrace trace)
    {
        if (trace.Values.Count == 0 && trace.Thresholds.Count == 0 && trace.Notes.Count == 0) return "";
        var text = TextBuffers.Rent();
        try
        {
            return Details(trace, text);
        }
        finally
        {
            TextBuffers.Return(text);
        }
    }

    private static string Details(ExpressionTrace trace, StringBuilder text)
    {
        AppendDetails(trace, text);
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="reason"/> followed by the details between <paramref name="open"/> and <paramref name="close"/>,
    /// or alone when there are none: one string, where <c>reason + $" ({Details(trace)})"</c> makes three.
    /// </summary>
    public static string WithDetails(string reason, ExpressionTrace trace, string open, string close)
    {
        if (trace.Values.Count == 0 && trace.Thresholds.Count == 0 && trace.Notes.Count == 0) return reason;
        var text = TextBuffers.Rent();
        try
        {
            text.Append(reason).Append(open);
            var start = text.Length;
            AppendDetails(trace, text);
            return text.Length == start ? reason : text.Append(close).ToString();
        }
        finally
        {
            TextBuffers.Return(text);
        }
    }

    private static void AppendDetails(ExpressionTrace trace, StringBuilder text)
    {
        var start = text.Length;
        if (trace.Values.Count > 0) trace.AppendValues(text.Append("with "));
        for (var i = 0; i < trace.Thresholds.Count; i++)
        {
            var (parameter, keys, lookup) = trace.Thresholds[i];
            text.Append(i > 0 ? ", " : text.Length > start ? "; threshold " : "threshold ").Append(parameter.Name);
            if (!lookup.HasValue) text.Append(" has no value in force");
            else if (keys.Count == 0) lookup.Value.AppendTo(text.Append(" = "));
            else lookup.Value.AppendTo(text.Append(" = ")).Append(" for ").Append(keys.Describe(parameter.Keys));
            DefaultRowNote.Append(text, " ", parameter, keys, lookup, sentence: false);
        }
        foreach (var note in trace.Notes) text.Append(text.Length > start ? "; " : "").Append(note);
    }

    public static string Number(double n) => Value.FormatNumber(n);
}
