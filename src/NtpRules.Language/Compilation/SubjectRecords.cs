using NtpRules.Engine;

namespace NtpRules.Language.Compilation;

/// <summary>Builds subject records from plain values (data rows, test subjects) in the one way both use.</summary>
public static class SubjectRecords
{
    /// <summary>
    /// A record of <paramref name="kind"/> with its parent ids and indicator values. Values for keys that are not
    /// indicator slots of the kind are returned in <paramref name="unknownKeys"/>; values of the wrong type are missing.
    /// </summary>
    public static Record Create(CompiledRules rules, string kind, string id, IEnumerable<KeyValuePair<string, string>> parents,
        IEnumerable<KeyValuePair<string, object?>> values, List<string>? unknownKeys = null)
    {
        var schema = rules.Schemas.TryGetValue(kind, out var s) ? s : throw new ArgumentException($"unknown subject kind '{kind}'", nameof(kind));
        var record = schema.NewRecord(id);
        foreach (var (parentKind, parentId) in parents)
            if (schema.ParentSlot(parentKind) is >= 0 and var slot) record.SetText(slot, parentId);
        foreach (var (key, value) in values)
        {
            if (schema.Layout.Find(key) is { } symbol) RecordValues.WriteObject(record, symbol.Slot, value);
            else unknownKeys?.Add(key);
        }
        return record;
    }

    /// <summary>
    /// Fills parent ids a record leaves out but can be read through another parent: a commune that names only its
    /// district gets the district's province, so that province rules see it.
    /// </summary>
    public static void FillAncestors(CompiledRules rules, IReadOnlyCollection<Record> records)
    {
        // Only records of kinds that are some kind's parent can be read through (households are most records and none).
        var parentKinds = rules.Schemas.Values.SelectMany(s => s.Parents).ToHashSet();
        var byId = new Dictionary<(string, string), Record>();
        foreach (var r in records)
            if (parentKinds.Contains(r.Schema.Name)) byId[(r.Schema.Name, r.Id)] = r;
        // Parents are few; repeat so that chains longer than one step fill too, until a pass fills nothing.
        SubjectSchema? schema = null;
        for (var pass = 0; pass < 3; pass++)
        {
            var filled = false;
            foreach (var record in records)
            {
                if (!ReferenceEquals(schema?.Schema, record.Schema)) schema = rules.SchemaOf(record);
                foreach (var wanted in schema.Parents)
                {
                    var slot = schema.ParentSlot(wanted);
                    if (record.GetText(slot) is not null) continue;
                    foreach (var via in schema.Parents)
                        if (schema.ParentId(record, via) is { } viaId && byId.TryGetValue((via, viaId), out var parent) &&
                            rules.SchemaOf(parent).ParentId(parent, wanted) is { } ancestor)
                        {
                            record.SetText(slot, ancestor);
                            filled = true;
                            break;
                        }
                }
            }
            if (!filled) break;
        }
    }
}
