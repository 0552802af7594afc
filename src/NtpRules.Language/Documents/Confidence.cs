namespace NtpRules.Language.Documents;

/// <summary>Whether a value has been checked against the legal text (<see cref="Confirmed"/>) or is still an estimate.</summary>
public enum Confidence { Provisional, Confirmed, Inferred }
