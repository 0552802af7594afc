namespace NtpRules.Language.Engines;

/// <summary>The engines a compiled rule model runs on.</summary>
public enum RuleEngineKind
{
    /// <summary>NRules (the default): the rule model translated to NRules' canonical rule model.</summary>
    NRules,
    /// <summary>NtpRules' own Rete engine: the fast path, which must agree with NRules on every case.</summary>
    Ntp,
}

public static class RuleEngines
{
    /// <summary>The names users type: <c>nrules</c>, <c>ntp</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["nrules", "ntp"];

    public static string NameOf(RuleEngineKind kind) => kind == RuleEngineKind.Ntp ? "ntp" : "nrules";

    public static bool TryParse(string? name, out RuleEngineKind kind)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "nrules":
                kind = RuleEngineKind.NRules;
                return true;
            case "ntp":
                kind = RuleEngineKind.Ntp;
                return true;
            default:
                kind = RuleEngineKind.NRules;
                return false;
        }
    }

    /// <summary>The engine's name and the version of the assembly that runs it, as reports record it: <c>nrules 1.0.4</c>.</summary>
    public static string Describe(RuleEngineKind kind) => $"{NameOf(kind)} {VersionOf(kind)}";

    public static string VersionOf(RuleEngineKind kind)
    {
        var assembly = kind == RuleEngineKind.Ntp ? typeof(Engine.Network).Assembly : typeof(global::NRules.ISession).Assembly;
        var version = assembly.GetName().Version;
        return version is null ? "unknown" : $"{version.Major}.{version.Minor}.{version.Build}";
    }
}
