using NtpRules.Language.Engines;
using NtpRules.Assessment.Data;
using NtpRules.Engine;
using Record = NtpRules.Engine.Record;
using NtpRules.Language.Compilation;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Tests.Compilation;

/// <summary>The rules in force on 2024-12-31 compiled once, and the Lào Cai 2024 sample rows, for session-level tests.</summary>
internal static class SampleSession
{
    public static readonly DateOnly AsOf = new(2024, 12, 31);

    private static readonly Lazy<CompiledRules> Compiled = new(() =>
    {
        var bag = new DiagnosticBag();
        return CompiledRules.CompileInForce(RepositoryPaths.Library, AsOf, bag) ?? throw new InvalidOperationException(string.Join("\n", bag));
    });

    private static readonly Lazy<IReadOnlyList<DataRecord>> Rows = new(() =>
    {
        var reading = new DataReading(RepositoryPaths.Library.Catalogue.ToRecordCatalogue(), DataReading.FindFiles(RepositoryPaths.Sample("lao-cai-2024")));
        var rows = reading.Records().ToList();
        if (reading.Diagnostics.HasErrors) throw new InvalidOperationException(string.Join("\n", reading.Diagnostics));
        return rows;
    });

    public static CompiledRules Rules => Compiled.Value;
    public static IReadOnlyList<DataRecord> Data => Rows.Value;

    /// <summary>The province, its first district, one commune with households, and those households.</summary>
    public static IReadOnlyList<DataRecord> OneCommuneWithHouseholds()
    {
        var communeId = Data.First(r => r.Kind == "household").Parents["commune"];
        var commune = Data.Single(r => r.Kind == "commune" && r.Id == communeId);
        return Data.Where(r => r.Kind == "province" || (r.Kind == "district" && r.Id == commune.Parents["district"]) || r == commune ||
                               (r.Kind == "household" && r.Parents["commune"] == communeId)).ToList();
    }

    public static Record ToRecord(DataRecord row, IReadOnlyDictionary<string, object?>? overrides = null) =>
        SubjectRecords.Create(Rules, row.Kind, row.Id, row.Parents,
            overrides is null ? row.Values : row.Values.Where(v => !overrides.ContainsKey(v.Key)).Concat(overrides));

    public static RuleSession Fresh(IEnumerable<Record> records, bool explain = false, RuleEngineKind engine = RuleEngineKind.NRules)
    {
        var session = Rules.CreateSession(AsOf, explain, engine);
        var list = records.ToList();
        SubjectRecords.FillAncestors(Rules, list);
        session.InsertAll(list);
        session.Fire();
        return session;
    }

    /// <summary>Everything a session derived, as sorted text, so two sessions can be compared whole.</summary>
    public static IReadOnlyList<string> Snapshot(RuleSession session)
    {
        static string V(object? o) => o?.ToString() ?? "-";
        return session.Outcomes<IndicatorOutcome>().Select(o => $"I {o.Subject.Id} {o.RuleSetId}/{o.CriterionId}/{o.IndicatorId} {o.Verdict}")
            .Concat(session.Outcomes<CriterionOutcome>().Select(o => $"C {o.Subject.Id} {o.RuleSetId}/{o.CriterionId} {o.Verdict}"))
            .Concat(session.Outcomes<StandardOutcome>().Select(o => $"S {o.Subject.Id} {o.StandardId} {o.Verdict} {o.CriteriaMet}/{o.CriteriaTotal}"))
            .Concat(session.Outcomes<ClassificationOutcome>().Select(o => $"L {o.Subject.Id} {o.ClassificationId} {V(o.Label)}"))
            .Concat(session.Outcomes<DerivedValue>().Select(o => $"D {o.Subject.Id} {o.Key} {o.Value}"))
            .Concat(session.Outcomes<TargetOutcome>().Select(o => $"T {o.Subject?.Id ?? "all"} {o.TargetId} {o.Verdict} {V(o.Actual)}"))
            .Order(StringComparer.Ordinal).ToArray();
    }
}
