using NtpRules.Engine;
using NtpRules.Language.Diagnostics;
using NtpRules.Language.Library;
using NtpRules.Language.RuleSets;

namespace NtpRules.Language.Compilation;

/// <summary>
/// Rule-set versions compiled into one engine <see cref="Engine.Network"/>, with the record schema of every subject
/// kind. Immutable and shareable across threads; run it with one <see cref="RuleSession"/> per thread.
/// </summary>
public sealed class CompiledRules
{
    internal CompiledRules(RuleLibrary library, IReadOnlyList<RuleSet> ruleSets, IReadOnlyDictionary<string, SubjectSchema> schemas,
        Network network, IReadOnlyList<RuleDefinition> rules)
    {
        Library = library;
        RuleSets = ruleSets;
        Schemas = schemas;
        Network = network;
        Rules = rules;
    }

    public RuleLibrary Library { get; }
    /// <summary>The rule-set versions compiled (one per id).</summary>
    public IReadOnlyList<RuleSet> RuleSets { get; }
    /// <summary>The record schema of each subject kind of the catalogue.</summary>
    public IReadOnlyDictionary<string, SubjectSchema> Schemas { get; }
    public Network Network { get; }
    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>
    /// Compiles <paramref name="ruleSets"/> (and the catalogue's derived indicators) of <paramref name="library"/>.
    /// Returns null, with the reasons in <paramref name="diagnostics"/>, when the library has errors.
    /// </summary>
    public static CompiledRules? Compile(RuleLibrary library, IReadOnlyList<RuleSet> ruleSets, DiagnosticBag diagnostics) =>
        RuleSetCompiler.Compile(library, ruleSets, diagnostics);

    /// <summary>Compiles every rule-set version of <paramref name="library"/> in force on <paramref name="asOf"/>.</summary>
    public static CompiledRules? CompileInForce(RuleLibrary library, DateOnly asOf, DiagnosticBag diagnostics) =>
        Compile(library, library.AllInForce(asOf), diagnostics);

    /// <summary>A new session for an as-of date; <paramref name="explain"/> builds an explanation for every indicator verdict.</summary>
    public RuleSession CreateSession(DateOnly asOf, bool explain = true) => new(this, asOf, explain);

    public SubjectSchema SchemaOf(Record record) => Schemas[record.Schema.Name];
}
