namespace NtpRules.Language.Documents;

/// <summary>An inclusive range of days; <see cref="To"/> null means open-ended.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly? To)
{
    public bool Contains(DateOnly day) => day >= From && (To is null || day <= To.Value);

    public bool Overlaps(DateRange other) =>
        From <= (other.To ?? DateOnly.MaxValue) && other.From <= (To ?? DateOnly.MaxValue);

    public override string ToString() => To is { } to ? $"{From:yyyy-MM-dd} .. {to:yyyy-MM-dd}" : $"{From:yyyy-MM-dd} ..";
}
