using NtpRules.Engine;
using NtpRules.Language.Expressions;
using NtpRules.Language.Scopes;

namespace NtpRules.Language.Compilation;

/// <summary>
/// The engine record shape of one subject kind: first the kind's indicator slots exactly as numbered by its
/// <see cref="SubjectLayout"/> (catalogue indicators, derived indicators, classification outputs), so that an
/// expression's indicator slot is the record slot; then one text slot <c>&lt;parent&gt;_id</c> per parent kind.
/// </summary>
public sealed class SubjectSchema
{
    private readonly Dictionary<string, int> _parentSlots;

    private SubjectSchema(string kind, SubjectLayout layout, RecordSchema schema, IReadOnlyList<string> parents)
    {
        Kind = kind;
        Layout = layout;
        Schema = schema;
        Parents = parents;
        _parentSlots = parents.ToDictionary(p => p, p => schema.IndexOf(ParentColumn(p)));
    }

    public string Kind { get; }
    public SubjectLayout Layout { get; }
    public RecordSchema Schema { get; }
    /// <summary>The parent kinds a record of this kind may link to, e.g. district and province for a commune.</summary>
    public IReadOnlyList<string> Parents { get; }

    /// <summary>The column (and slot) naming a parent: <c>commune_id</c>.</summary>
    public static string ParentColumn(string parentKind) => parentKind + "_id";

    /// <summary>The slot holding the id of the parent of kind <paramref name="parentKind"/>, or -1.</summary>
    public int ParentSlot(string parentKind) => _parentSlots.GetValueOrDefault(parentKind, -1);

    public string? ParentId(Record record, string parentKind) => ParentSlot(parentKind) is >= 0 and var s ? record.GetText(s) : null;

    public Record NewRecord(string id) => Schema.NewRecord(id);

    internal static SubjectSchema Build(string kind, IReadOnlyList<string> parents, SubjectLayout layout)
    {
        var slots = layout.Slots.Select(s => (s.Name, SlotKindOf(s.Type))).ToList();
        foreach (var p in parents) slots.Add((ParentColumn(p), SlotKind.Text));
        return new SubjectSchema(kind, layout, new RecordSchema(kind, slots), parents);
    }

    internal static SlotKind SlotKindOf(ExprType type) => type.Kind switch
    {
        TypeKind.Number or TypeKind.Integer => SlotKind.Number,
        TypeKind.Boolean => SlotKind.Boolean,
        TypeKind.Date => SlotKind.Date,
        _ => SlotKind.Text,
    };

    public override string ToString() => Kind;
}
