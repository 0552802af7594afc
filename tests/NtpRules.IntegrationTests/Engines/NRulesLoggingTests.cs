using Microsoft.Extensions.Logging;
using NRules.Fluent.Dsl;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Language.Engines.NRules;
using NtpRules.Language.Library;

namespace NtpRules.IntegrationTests.Engines;

/// <summary>NRules' events reach the log with the rule's id and the rule file's line; a failing rule names itself and the subject.</summary>
public sealed class NRulesLoggingTests
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);

    private static (CompiledRules Rules, List<Engine.Record> Records) OneCommune()
    {
        var library = RuleLibrary.LoadDirectory(Path.Combine(RealData.RepoRoot(), "rules"));
        var rules = CompiledRules.CompileInForce(library, AsOf, new DiagnosticBag())!;
        var rows = RealData.SampleRows(library, "lao-cai-2024");
        var commune = rows.First(r => r.Kind == "commune");
        var chosen = rows.Where(r => r.Kind == "province" || r.Id == commune.Parents["district"] || r == commune).ToList();
        var records = chosen.Select(r => SubjectRecords.Create(rules, r.Kind, r.Id, r.Parents, r.Values)).ToList();
        SubjectRecords.FillAncestors(rules, records);
        return (rules, records);
    }

    [Fact]
    public void Rules_fired_are_logged_with_the_rule_and_its_line_in_the_rule_file()
    {
        var (rules, records) = OneCommune();
        var log = new ListLogger(LogLevel.Debug);
        var session = rules.CreateSession(AsOf, explain: false, RuleEngineKind.NRules, log: log);
        session.InsertAll(records);
        var fired = session.Fire();

        var firings = log.Entries.Where(e => e.Message.StartsWith("Rule ") && e.Message.Contains(" fired for ")).ToList();
        Assert.Equal(fired, firings.Count);
        Assert.Contains(firings, e => e.Message.StartsWith("Rule ntm-commune/c03/3.1 (") && e.Message.Contains("ntm-commune/2021-2025.yaml:") &&
                                      e.Message.EndsWith($"fired for {records.Single(r => r.Schema.Name == "commune")}"));
    }

    [Fact]
    public void Nothing_is_subscribed_for_firings_when_debug_is_off()
    {
        var (rules, records) = OneCommune();
        var log = new ListLogger(LogLevel.Information);
        var session = rules.CreateSession(AsOf, explain: false, RuleEngineKind.NRules, log: log);
        session.InsertAll(records);
        Assert.True(session.Fire() > 0);
        Assert.Empty(log.Entries);
    }

    [Fact]
    public void A_failing_rule_is_logged_and_raised_naming_the_rule_and_the_subject()
    {
        var (rules, records) = OneCommune();
        var bag = new DiagnosticBag();
        var csharp = CSharpRules.Load([typeof(FailingRule).Assembly.Location], bag);
        Assert.NotNull(csharp);
        var log = new ListLogger(LogLevel.Information);
        var session = rules.CreateSession(AsOf, explain: false, RuleEngineKind.NRules, csharp, log);
        session.InsertAll(records);

        var e = Assert.Throws<RuleFailedException>(() => session.Fire());
        var commune = records.Single(r => r.Schema.Name == "commune").ToString();
        Assert.Equal("test/failing", e.RuleName);
        Assert.Equal(commune, e.Subject);
        Assert.Contains("no figure for this commune", e.Message);
        Assert.Contains(log.Entries, x => x.Level == LogLevel.Error && x.Message.Contains("Rule test/failing (C# rule) failed for " + commune));
    }

    private sealed class ListLogger(LogLevel minimum) : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => level >= minimum;

        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(level)) Entries.Add((level, formatter(state, exception)));
        }
    }
}

/// <summary>A C# rule whose action throws for the ntm-commune standard of a commune.</summary>
[Name("test/failing")]
public sealed class FailingRule : NRules.Fluent.Dsl.Rule
{
    public override void Define()
    {
        StandardOutcome ntm = null!;
        When().Match(() => ntm, s => s.StandardId == "ntm-commune");
        Then().Do(_ => Fail());
    }

    private static void Fail() => throw new InvalidOperationException("no figure for this commune");
}
