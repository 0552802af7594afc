using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>
/// One validated subject row: its kind, id, name, parent ids by parent kind, and indicator values.
/// A missing value is absent from <see cref="Values"/> or null there: it is unknown, never zero.
/// Numbers are <see cref="double"/>, integers <see cref="long"/>, booleans <see cref="bool"/>,
/// dates <see cref="DateOnly"/>, text and enum values <see cref="string"/>.
/// </summary>
public sealed record DataRecord(
    string Kind,
    string Id,
    string? Name,
    IReadOnlyDictionary<string, string> Parents,
    IReadOnlyDictionary<string, object?> Values,
    SourceLocation Location);
