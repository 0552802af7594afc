using System.Reflection;
using NRules.Fluent;
using NRules.RuleModel;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.Engines.NRules;

/// <summary>
/// Rules written in C# with NRules.Fluent, loaded from assemblies named in configuration and run in the same NRules
/// session as the YAML rules. They match subject records (<see cref="Engine.Record"/>) and the YAML rules' outcome
/// facts, and add <see cref="Compilation.AdditionalOutcome"/>s of their own.
/// </summary>
public sealed class CSharpRules
{
    private CSharpRules(IReadOnlyList<string> assemblies, IReadOnlyList<IRuleDefinition> definitions)
    {
        Assemblies = assemblies;
        Definitions = definitions;
        MatchedTypes = definitions.SelectMany(d => PatternTypes(d.LeftHandSide)).Distinct().ToArray();
    }

    public IReadOnlyList<string> Assemblies { get; }
    public IReadOnlyList<IRuleDefinition> Definitions { get; }
    /// <summary>The fact types the rules' patterns match (outcome types among them are published to NRules).</summary>
    public IReadOnlyList<Type> MatchedTypes { get; }

    /// <summary>Loads the NRules.Fluent rules of each assembly; a file that cannot be loaded is an error naming it.</summary>
    public static CSharpRules? Load(IReadOnlyList<string> assemblyPaths, DiagnosticBag diagnostics)
    {
        var assemblies = new List<Assembly>();
        foreach (var path in assemblyPaths)
        {
            try
            {
                assemblies.Add(Assembly.LoadFrom(Path.GetFullPath(path)));
            }
            catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException or ArgumentException)
            {
                diagnostics.Error("NTP5200", $"the C# rules assembly cannot be loaded: {e.Message}", SourceLocation.None(path));
            }
        }
        if (diagnostics.HasErrors) return null;
        try
        {
            var repository = new RuleRepository();
            repository.Load(spec => spec.From(assemblies));
            var definitions = repository.GetRuleSets().SelectMany(s => s.Rules).ToArray();
            if (definitions.Length == 0)
                diagnostics.Warning("NTP5202", "the C# rules assemblies hold no NRules.Fluent rule", SourceLocation.None(string.Join(", ", assemblyPaths)));
            return new CSharpRules(assemblyPaths, definitions);
        }
        catch (Exception e) when (e is RuleDefinitionException or RuleActivationException or ReflectionTypeLoadException)
        {
            diagnostics.Error("NTP5201", $"a C# rule cannot be defined: {e.Message}", SourceLocation.None(string.Join(", ", assemblyPaths)));
            return null;
        }
    }

    private static IEnumerable<Type> PatternTypes(RuleElement element) => element switch
    {
        PatternElement p => p.Source is null ? [p.ValueType] : [p.ValueType, .. PatternTypes(p.Source)],
        GroupElement g => g.ChildElements.SelectMany(PatternTypes),
        AggregateElement a => PatternTypes(a.Source),
        NotElement n => PatternTypes(n.Source),
        ExistsElement x => PatternTypes(x.Source),
        ForAllElement f => [.. PatternTypes(f.BasePattern), .. f.Patterns.SelectMany(PatternTypes)],
        _ => [],
    };
}
