namespace NtpRules.Engine;

public enum ActivationChange
{
    Created,
    Updated,
    Deleted,
}
