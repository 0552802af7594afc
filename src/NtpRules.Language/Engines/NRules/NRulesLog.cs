using Microsoft.Extensions.Logging;
using NRules.Diagnostics;
using NRules.RuleModel;
using NtpRules.Engine;
using NtpRules.Language.Compilation.Model;

namespace NtpRules.Language.Engines.NRules;

/// <summary>
/// Sends NRules' events to a logger: rules fired (at debug level, subscribed only when that level is on, since it
/// runs for every firing), actions and conditions that failed (errors), each with the rule's id and the rule file's line.
/// The model's rules are named one by one, though an NRules rule may run several (<see cref="RuleRun"/>): their
/// firings are logged by the session as each one runs (<see cref="Fired"/>), their failures by the rule that failed.
/// </summary>
internal static class NRulesLog
{
    public static void Attach(IEventProvider events, ILogger log)
    {
        if (log.IsEnabled(LogLevel.Debug))
            events.RuleFiredEvent += (_, e) =>
            {
                if (RunOf(e.Rule) is null)
                    log.LogDebug(FiredMessage, e.Rule.Name, SourceOf(e.Rule), SubjectOf(e.Facts.Select(f => f.Value)));
            };
        events.RhsExpressionFailedEvent += (_, e) =>
        {
            // A model rule's failure names that rule, whichever NRules rule ran it.
            if (e.Exception is not null && RuleFailedException.Find(e.Exception) is { } failed)
                log.LogError(e.Exception, FailedMessage, failed.RuleName, failed.RuleLocation, failed.Subject, MessageOf(e.Exception));
            else
                log.LogError(e.Exception, FailedMessage, e.Match.Rule.Name, SourceOf(e.Match.Rule), SubjectOf(e.Match.Facts.Select(f => f.Value)),
                    MessageOf(e.Exception));
        };
        events.LhsExpressionFailedEvent += (_, e) =>
            log.LogError(e.Exception, "A condition of {Rules} ({Source}) failed on {Subject}: {Error}",
                string.Join(", ", e.Rules.SelectMany(ModelRuleNames)), string.Join(", ", e.Rules.SelectMany(ModelRuleSources).Distinct()),
                SubjectOf(e.Facts.Select(f => f.Value)), MessageOf(e.Exception));
        events.AgendaExpressionFailedEvent += (_, e) =>
            log.LogError(e.Exception, "An agenda expression of {Rule} ({Source}) failed: {Error}", e.Rule.Name, SourceOf(e.Rule), MessageOf(e.Exception));
    }

    private const string FiredMessage = "Rule {Rule} ({Source}) fired for {Subject}";
    private const string FailedMessage = "Rule {Rule} ({Source}) failed for {Subject}: {Error}";

    /// <summary>Logs that a model rule ran for a subject (at debug level: check it is on first).</summary>
    public static void Fired(ILogger log, ModelRule rule, Record? subject) =>
        log.LogDebug(FiredMessage, rule.Name, rule.Location.ToString(), subject?.ToString() ?? WholeDataSetName);

    public static string SourceOf(IRuleDefinition rule) =>
        rule.Properties.TryGetProperty(NRulesEngine.SourceProperty, out var source) && source.Value is string s ? s : "C# rule";

    /// <summary>The model rules an NRules rule runs; null for a C# rule.</summary>
    private static RuleRun? RunOf(IRuleDefinition rule) =>
        rule.Properties.TryGetProperty(NRulesEngine.RunProperty, out var run) ? run.Value as RuleRun : null;

    private static IEnumerable<string> ModelRuleNames(IRuleDefinition rule) => RunOf(rule)?.Rules.Select(r => r.Name) ?? [rule.Name];

    private static IEnumerable<string> ModelRuleSources(IRuleDefinition rule) => RunOf(rule)?.Rules.Select(r => r.Location.ToString()) ?? [SourceOf(rule)];

    private static string MessageOf(Exception? e) =>
        e is null ? "unknown error" : RuleFailedException.Find(e)?.InnerException?.Message ?? e.Message;

    private const string WholeDataSetName = "the whole data set";

    /// <summary>The subject record of a match: its first fact, or the subject of the outcome that is its first fact.</summary>
    public static string SubjectOf(IEnumerable<object?> facts) => facts.FirstOrDefault() switch
    {
        Compilation.ISubjectOutcome { Subject: { } subject } => subject.ToString(),
        Compilation.WholeDataSet or Compilation.ISubjectOutcome or null => WholeDataSetName,
        var fact => fact.ToString() ?? "",
    };
}
