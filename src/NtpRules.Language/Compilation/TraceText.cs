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
        if (trace.Values.Count > 0) trace.AppendValues(text.Append("with "));
        for (var i = 0; i < trace.Thresholds.Count; i++)
        {
            var (parameter, keys, lookup) = trace.Thresholds[i];
            text.Append(i > 0 ? ", " : text.Length > 0 ? "; threshold " : "threshold ").Append(parameter.Name);
            if (!lookup.HasValue) text.Append(" has no value in force");
            else if (keys.Count == 0) lookup.Value.AppendTo(text.Append(" = "));
            else lookup.Value.AppendTo(text.Append(" = ")).Append(" for ").Append(keys.Describe(parameter.Keys));
            DefaultRowNote.Append(text, " ", parameter, keys, lookup, sentence: false);
        }
        foreach (var note in trace.Notes) text.Append(text.Length > 0 ? "; " : "").Append(note);
        return text.ToString();
    }

    public static string Number(double n) => Value.FormatNumber(n);
}
