using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NtpRules.Engine;
using NtpRules.Language.Compilation.Model;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Engines;
using NtpRules.Language.Engines.NRules;
using NtpRules.Language.Engines.Ntp;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Compilation;

/// <summary>
/// Rule-set versions compiled into one engine-neutral <see cref="RuleModel"/>, with the record schema of every subject
/// kind. Each engine translates the model once, on first use (<see cref="Network"/> for ntp, an NRules session factory
/// per set of C# rules). Immutable and shareable across threads; run it with one <see cref="RuleSession"/> per thread.
/// </summary>
public sealed class CompiledRules
{
    private readonly Lazy<Network> _network;
    private readonly Lazy<NRulesRules> _nrules;
    private readonly ConditionalWeakTable<CSharpRules, NRulesRules> _withCSharp = new();
    private readonly ConcurrentDictionary<string, Lazy<CompiledRules>> _restricted = new(StringComparer.Ordinal);

    internal CompiledRules(RuleLibrary library, IReadOnlyList<RuleSet> ruleSets, IReadOnlyDictionary<string, SubjectSchema> schemas, RuleModel model)
    {
        Library = library;
        RuleSets = ruleSets;
        Schemas = schemas;
        Model = model;
        _network = new Lazy<Network>(() => NtpEngine.Compile(model));
        _nrules = new Lazy<NRulesRules>(() => NRulesEngine.Compile(model, null));
        _withoutUncounted = new Lazy<CompiledRules>(WithoutUncounted);
    }

    private readonly Lazy<CompiledRules> _withoutUncounted;

    public RuleLibrary Library { get; }
    /// <summary>The rule-set versions compiled (one per id).</summary>
    public IReadOnlyList<RuleSet> RuleSets { get; }
    /// <summary>The record schema of each subject kind of the catalogue.</summary>
    public IReadOnlyDictionary<string, SubjectSchema> Schemas { get; }
    /// <summary>The rules, as every engine receives them.</summary>
    public RuleModel Model { get; }
    /// <summary>The model translated for the ntp engine.</summary>
    public Network Network => _network.Value;

    /// <summary>
    /// Compiles <paramref name="ruleSets"/> (and the catalogue's derived indicators) of <paramref name="library"/>.
    /// Returns null, with the reasons in <paramref name="diagnostics"/>, when the library has errors.
    /// </summary>
    public static CompiledRules? Compile(RuleLibrary library, IReadOnlyList<RuleSet> ruleSets, DiagnosticBag diagnostics) =>
        RuleSetCompiler.Compile(library, ruleSets, diagnostics);

    /// <summary>Compiles every rule-set version of <paramref name="library"/> in force on <paramref name="asOf"/>.</summary>
    public static CompiledRules? CompileInForce(RuleLibrary library, DateOnly asOf, DiagnosticBag diagnostics) =>
        Compile(library, library.AllInForce(asOf), diagnostics);

    /// <summary>
    /// A new session for an as-of date on an engine; <paramref name="explain"/> builds an explanation for every
    /// indicator verdict. C# rules, and a logger for the engine's events, are for NRules.
    /// </summary>
    public RuleSession CreateSession(DateOnly asOf, bool explain = true, RuleEngineKind engine = RuleEngineKind.NRules,
        CSharpRules? csharp = null, ILogger? log = null)
    {
        if (csharp is not null && engine != RuleEngineKind.NRules)
            throw new ArgumentException("C# rules run on the nrules engine only", nameof(csharp));
        return new RuleSession(this, asOf, explain, state => engine switch
        {
            RuleEngineKind.Ntp => new NtpEngineSession(Network),
            _ => new NRulesEngineSession(csharp is null ? _nrules.Value : _withCSharp.GetValue(csharp, c => NRulesEngine.Compile(Model, c)), state, log),
        });
    }

    public SubjectSchema SchemaOf(Record record) => Schemas[record.Schema.Name];

    /// <summary>
    /// The same rules, only those about subjects of <paramref name="kinds"/> (and, with <paramref name="wholeDataSet"/>,
    /// those about the whole data set): sessions of it hold records of other kinds as plain inputs that no rule of
    /// theirs assesses. Each engine translates it once, like this one; cached per set of kinds.
    /// </summary>
    /// <summary>
    /// The same rules without those of the criteria no standard counts (their indicators' and their own): what they
    /// give is read by no other rule (a standard reads the criteria it counts, a criterion its own indicators) and by
    /// no report (a report lists criteria under the standards that count them). Households' deprivation dimensions are
    /// such criteria: most of a run's outcomes, which an assessment that only reports needs not make. C# rules may
    /// read any outcome: a session with them takes the full rules. Translated once per engine, like this one.
    /// </summary>
    public CompiledRules WithoutUncountedCriteria() => _withoutUncounted.Value;

    private CompiledRules WithoutUncounted()
    {
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in RuleSets)
            foreach (var standard in set.Standards)
                foreach (var criterion in standard.CriteriaIn(set))
                    counted.Add(IndicatorRule.CriterionKeyOf(set.Id, criterion));
        var model = Model.Where(r => r.CriterionKey is not { } key || counted.Contains(key));
        return model.Rules.Count == Model.Rules.Count ? this : new CompiledRules(Library, RuleSets, Schemas, model);
    }

    public CompiledRules ForKinds(IEnumerable<string> kinds, bool wholeDataSet)
    {
        var set = kinds.ToHashSet(StringComparer.Ordinal);
        var key = string.Join(",", set.Order(StringComparer.Ordinal)) + (wholeDataSet ? "+all" : "");
        return _restricted.GetOrAdd(key, _ => new Lazy<CompiledRules>(() => new CompiledRules(Library, RuleSets, Schemas,
            Model.Where(r => r.Subject is { } s ? set.Contains(s.Kind) : wholeDataSet)))).Value;
    }
}
