namespace NtpRules.Language.RuleSets;

/// <summary>Draft sets are checked but never chosen; retired ones are chosen only for dates in their range.</summary>
public enum RuleSetStatus { Draft, Active, Retired }
