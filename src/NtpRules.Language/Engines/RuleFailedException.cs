using NtpRules.Language.Compilation.Model;

namespace NtpRules.Language.Engines;

/// <summary>A rule's action failed: names the rule, where it is written, and the subject it was assessing.</summary>
public sealed class RuleFailedException : Exception
{
    internal RuleFailedException(ModelRule rule, string subject, Exception inner)
        : this(rule.Name, rule.Location.ToString(), subject, inner)
    {
    }

    internal RuleFailedException(string rule, string source, string subject, Exception inner)
        : base($"rule '{rule}' ({source}) failed for {subject}: {inner.Message}", inner)
    {
        RuleName = rule;
        RuleLocation = source;
        Subject = subject;
    }

    public string RuleName { get; }
    /// <summary>Where the rule is written (file:line:column), or "C# rule".</summary>
    public string RuleLocation { get; }
    public string Subject { get; }

    /// <summary>Runs a rule's action, turning any failure into one that names the rule and the subject.</summary>
    internal static void Run(ModelRule rule, RuleFiring firing)
    {
        try
        {
            rule.Action(firing);
        }
        catch (Exception e) when (e is not RuleFailedException and not OperationCanceledException)
        {
            throw new RuleFailedException(rule, firing.Subject?.ToString() ?? "the whole data set", e);
        }
    }

    /// <summary>The <see cref="RuleFailedException"/> an engine wrapped, if any.</summary>
    internal static RuleFailedException? Find(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is RuleFailedException found) return found;
        return null;
    }
}
