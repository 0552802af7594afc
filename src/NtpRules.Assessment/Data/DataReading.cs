using NtpRules.Assessment.Results;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>
/// One pass over the data files of an assessment (a file or a folder of *.csv, *.xlsx, *.json, *.yaml).
/// <see cref="Records"/> streams validated records; ids must be unique per kind across all the files.
/// Problems (with file, line, column) collect in <see cref="Diagnostics"/>; check it after enumerating.
/// </summary>
public sealed class DataReading
{
    private static readonly string[] Extensions = [".csv", ".json", ".yaml", ".yml", ".xlsx"];
    private readonly RecordCatalogue _catalogue;
    private readonly bool _lenient;
    private RecordValidator? _validator;

    /// <param name="lenient">Read past bad cells, columns and rows (see <see cref="Problems"/>) instead of failing.</param>
    public DataReading(RecordCatalogue catalogue, IReadOnlyList<string> files, bool lenient = false)
    {
        _catalogue = catalogue;
        _lenient = lenient;
        Files = files;
    }

    public IReadOnlyList<string> Files { get; }
    public DiagnosticBag Diagnostics { get; } = new();

    /// <summary>When lenient: the errors read past (bad cells read as unknown, columns and rows left out), once enumerated.</summary>
    public IReadOnlyList<DataProblem> Problems => _validator?.Problems ?? [];

    /// <summary>
    /// Check the ids of kinds no kind has as parent (households) once reading ends, on disk in memory of a fixed size
    /// (<see cref="DeferredIdCheck"/>), instead of row by row in memory that grows with the rows. Their duplicates are
    /// then reported at the end of <see cref="Records"/>, where the row-by-row check would have put them, and the
    /// rows are yielded: the caller drops those in <see cref="DroppedRows"/>.
    /// </summary>
    internal bool DefersLeafIds { get; init; }

    /// <summary>Where a deferred check's runs go (the system's temporary folder if null).</summary>
    internal string? TemporaryFolder { get; init; }

    /// <summary>A deferred check's memory for ids before it writes a run.</summary>
    internal int IdBudgetBytes { get; init; } = DeferredIdCheck.DefaultBudgetBytes;

    /// <summary>
    /// With <see cref="DefersLeafIds"/>, once <see cref="Records"/> is enumerated: the rows (by their records'
    /// <see cref="DataRecord.Location"/>) yielded although their id repeats one read before.
    /// </summary>
    internal IReadOnlySet<SourceLocation> DroppedRows { get; private set; } = new HashSet<SourceLocation>();

    /// <summary>The as-of date a JSON or YAML file declares (<c>as_of:</c>), known once its records have been read.</summary>
    public DateOnly? DeclaredAsOf { get; private set; }

    /// <summary>The data files under <paramref name="fileOrFolder"/>, in a stable order; a file is returned as is.</summary>
    public static IReadOnlyList<string> FindFiles(string fileOrFolder)
    {
        if (File.Exists(fileOrFolder)) return [fileOrFolder];
        if (!Directory.Exists(fileOrFolder)) return [];
        return Directory.EnumerateFiles(fileOrFolder, "*", SearchOption.AllDirectories)
            .Where(IsDataFile)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Opens a data file for one pass from start to end.</summary>
    internal static Stream OpenSequential(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    public static bool IsDataFile(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public IEnumerable<DataRecord> Records()
    {
        // Disposed with the enumerator: its runs are deleted however the reading ends.
        using var deferred = DefersLeafIds ? new DeferredIdCheck(TemporaryFolder, IdBudgetBytes) : null;
        var validator = _validator = new RecordValidator(_catalogue, Diagnostics, _lenient, deferred);
        foreach (var path in Files)
        {
            if (!File.Exists(path))
            {
                Diagnostics.Error(DataCodes.FileNotFound, "the data file does not exist", SourceLocation.None(path));
                continue;
            }
            var records = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".csv" => CsvRecordReader.Read(path, path, validator, Diagnostics),
                ".json" or ".yaml" or ".yml" => DocumentRecordReader.Read(path, path, validator, Diagnostics, d => DeclaredAsOf = d),
                ".xlsx" => Spreadsheets.XlsxRecordReader.Read(path, path, validator, Diagnostics),
                _ => Unsupported(path),
            };
            foreach (var r in records) yield return r;
        }
        DroppedRows = validator.FinishDeferredIds();
    }

    private IEnumerable<DataRecord> Unsupported(string path)
    {
        Diagnostics.Error(DataCodes.UnsupportedFile, "not a data file (expected .csv, .xlsx, .json, .yaml or .yml)", SourceLocation.None(path));
        return [];
    }
}
