namespace NtpRules.Language.Diff;

public enum ChangeKind { Added, Removed, Changed }

/// <summary>
/// One difference between two rule-set versions. <see cref="Item"/> names what changed
/// (e.g. <c>indicator c03/3.1</c>, <c>parameter irrigation_min [region=TDMNPB]</c>); <see cref="Field"/> is the
/// changed field for <see cref="ChangeKind.Changed"/> (condition, value, citation, confidence …).
/// </summary>
public sealed record RuleSetChange(ChangeKind Kind, string Item, string? Field, string? Old, string? New)
{
    public override string ToString() => Kind switch
    {
        ChangeKind.Added => New is null ? $"+ {Item}" : $"+ {Item}: {New}",
        ChangeKind.Removed => Old is null ? $"- {Item}" : $"- {Item}: {Old}",
        _ => $"~ {Item} {Field}: {Old ?? "(none)"} → {New ?? "(none)"}",
    };
}
