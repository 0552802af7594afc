namespace NtpRules.Engine;

public enum AggregateKind
{
    Count,
    Sum,
    Min,
    Max,
    Average,
    Collect,
}
