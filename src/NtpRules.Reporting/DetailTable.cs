using System.Globalization;
using System.Text;
using CsvHelper;
using NtpRules.Assessment.Partitions;

namespace NtpRules.Reporting;

/// <summary>
/// Rows of a CSV whose columns are known only at the end: fixed fields, then one column per id (criterion,
/// classification) in the order the ids first appear. Rows go to a stream as they come (a temporary file for a
/// run's reports, so a country's rows are not held in memory) and are written out with the final header by
/// <see cref="WriteCsv"/>. Rows spooled to a file are best <c>compressed</c> (<see cref="SpoolCompression"/>): they
/// repeat ids, names and verdicts.
/// </summary>
internal sealed class DetailTable : IDisposable
{
    private readonly Stream _rows;
    private readonly bool _compressed;
    private readonly BinaryWriter _writer;
    private readonly List<string> _columns = new();
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);

    public DetailTable(Stream rows, bool compressed = false)
    {
        _rows = rows;
        _compressed = compressed;
        _writer = new BinaryWriter(compressed ? SpoolCompression.Writing(rows) : rows, Encoding.UTF8, leaveOpen: !compressed);
    }

    private bool _disposed;

    public int Count { get; private set; }

    /// <summary>A row: its fixed fields, then a cell (column id and value) per item.</summary>
    public void Add<T>(string[] fields, IReadOnlyList<T> items, Func<T, (string Column, string Value)> cell)
    {
        _writer.Write(fields.Length);
        foreach (var f in fields) _writer.Write(f);
        _writer.Write(items.Count);
        foreach (var item in items)
        {
            var (column, value) = cell(item);
            if (!_columnIndex.TryGetValue(column, out var index))
            {
                _columnIndex[column] = index = _columns.Count;
                _columns.Add(column);
            }
            _writer.Write(index);
            _writer.Write(value);
        }
        Count++;
    }

    /// <summary>The header (<paramref name="fixedHeader"/>, then the columns) and every row, in the order added.</summary>
    public void WriteCsv(IReadOnlyList<string> fixedHeader, TextWriter w)
    {
        if (_compressed) _writer.Dispose(); // the last compressed block goes out
        else _writer.Flush();
        _rows.Position = 0;
        using var reader = new BinaryReader(_compressed ? SpoolCompression.Reading(_rows) : _rows, Encoding.UTF8, leaveOpen: !_compressed);
        using var csv = new CsvWriter(w, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var h in fixedHeader.Concat(_columns)) csv.WriteField(h);
        csv.NextRecord();
        var values = new string?[_columns.Count];
        for (var row = 0; row < Count; row++)
        {
            var fields = reader.ReadInt32();
            for (var i = 0; i < fields; i++) csv.WriteField(reader.ReadString());
            Array.Clear(values);
            var cells = reader.ReadInt32();
            for (var i = 0; i < cells; i++)
            {
                var index = reader.ReadInt32();
                var value = reader.ReadString();
                values[index] ??= value; // a repeated id keeps its first value
            }
            foreach (var v in values) csv.WriteField(v ?? "");
            csv.NextRecord();
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _writer.Dispose();
        _rows.Dispose();
    }
}
