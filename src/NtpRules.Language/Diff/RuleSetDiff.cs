using System.Text;

namespace NtpRules.Language.Diff;

/// <summary>The structural differences from one rule-set version (<see cref="From"/>) to another (<see cref="To"/>).</summary>
public sealed record RuleSetDiff(string From, string To, IReadOnlyList<RuleSetChange> Changes)
{
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>Plain text: a header line, then one line per change (<c>+</c> added, <c>-</c> removed, <c>~</c> changed).</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append(From).Append(" → ").Append(To).Append('\n');
        if (IsEmpty) sb.Append("  no changes\n");
        foreach (var c in Changes) sb.Append("  ").Append(c).Append('\n');
        return sb.ToString();
    }

    public override string ToString() => Render();
}
