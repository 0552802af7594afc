using Microsoft.Extensions.Logging;
using NRules.Diagnostics;
using NRules.RuleModel;

namespace NtpRules.Language.Engines.NRules;

/// <summary>
/// Sends NRules' events to a logger: rules fired (at debug level, subscribed only when that level is on, since it
/// runs for every firing), actions and conditions that failed (errors), each with the rule's id and the rule file's line.
/// </summary>
internal static class NRulesLog
{
    public static void Attach(IEventProvider events, ILogger log)
    {
        if (log.IsEnabled(LogLevel.Debug))
            events.RuleFiredEvent += (_, e) =>
                log.LogDebug("Rule {Rule} ({Source}) fired for {Subject}", e.Rule.Name, SourceOf(e.Rule), SubjectOf(e.Facts.Select(f => f.Value)));
        events.RhsExpressionFailedEvent += (_, e) =>
            log.LogError(e.Exception, "Rule {Rule} ({Source}) failed for {Subject}: {Error}", e.Match.Rule.Name, SourceOf(e.Match.Rule),
                SubjectOf(e.Match.Facts.Select(f => f.Value)), MessageOf(e.Exception));
        events.LhsExpressionFailedEvent += (_, e) =>
            log.LogError(e.Exception, "A condition of {Rules} ({Source}) failed on {Subject}: {Error}", string.Join(", ", e.Rules.Select(r => r.Name)),
                string.Join(", ", e.Rules.Select(SourceOf)), SubjectOf(e.Facts.Select(f => f.Value)), MessageOf(e.Exception));
        events.AgendaExpressionFailedEvent += (_, e) =>
            log.LogError(e.Exception, "An agenda expression of {Rule} ({Source}) failed: {Error}", e.Rule.Name, SourceOf(e.Rule), MessageOf(e.Exception));
    }

    public static string SourceOf(IRuleDefinition rule) =>
        rule.Properties.TryGetProperty(NRulesEngine.SourceProperty, out var source) && source.Value is string s ? s : "C# rule";

    private static string MessageOf(Exception? e) =>
        e is null ? "unknown error" : RuleFailedException.Find(e)?.InnerException?.Message ?? e.Message;

    /// <summary>The subject record of a match: its first fact, or the subject of the outcome that is its first fact.</summary>
    public static string SubjectOf(IEnumerable<object?> facts) => facts.FirstOrDefault() switch
    {
        Compilation.ISubjectOutcome { Subject: { } subject } => subject.ToString(),
        Compilation.WholeDataSet or Compilation.ISubjectOutcome or null => "the whole data set",
        var fact => fact.ToString() ?? "",
    };
}
