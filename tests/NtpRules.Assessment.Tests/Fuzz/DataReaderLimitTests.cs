using System.Text;
using NtpRules.Assessment.Data;
using NtpRules.Assessment.Tests.Data;
using NtpRules.Fuzzing;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Tests.Fuzz;

/// <summary>Each kind of mutation the fuzzer makes, written out once, with the outcome a user sees.</summary>
public sealed class DataReaderLimitTests
{
    private const string Header = "id,commune_id,area,income_per_person,deprivation_count,head_name";

    private static (List<DataRecord> Records, List<Diagnostic> Errors) Read(string text, string name, byte[]? prefix = null)
    {
        byte[] bytes = [.. prefix ?? [], .. Encoding.UTF8.GetBytes(text)];
        var diagnostics = new DiagnosticBag();
        var validator = new RecordValidator(TestCatalogue.Instance, diagnostics);
        Func<Stream> open = () => new MemoryStream(bytes);
        var records = (name.EndsWith(".csv") ? CsvRecordReader.Read(open, name, name, validator, diagnostics)
            : DocumentRecordReader.Read(open, name, name, validator, diagnostics)).ToList();
        return (records, diagnostics.Where(d => d.IsError).ToList());
    }

    [Theory]
    [InlineData("1e309", DataCodes.WrongType)]
    [InlineData("NaN", DataCodes.WrongType)]
    [InlineData("Infinity", DataCodes.WrongType)]
    [InlineData("-Infinity", DataCodes.WrongType)]
    [InlineData("99999999999999999999999999999", null)]
    [InlineData("-5", DataCodes.OutOfRange)]
    public void Huge_NaN_infinite_and_negative_numbers_are_located_errors(string income, string? code)
    {
        var (records, errors) = Read($"{Header}\nH1,C1,rural,{income},1,A\n", "households.csv");
        if (code is null)
        {
            Assert.Empty(errors);
            Assert.Equal(1e29, (double)records.Single().Values["income_per_person"]!, 1e15);
            return;
        }
        var e = Assert.Single(errors);
        Assert.Equal((code, "households.csv", 2, 13), (e.Code, e.Location.File, e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void A_10000_character_text_field_is_read_and_a_10000_digit_number_is_a_located_error()
    {
        var name = new string('đ', Mutator.LongField);
        var (records, errors) = Read($"{Header}\nH1,C1,rural,1000,1,{name}\nH2,C1,rural,{new string('9', Mutator.LongField)}.5,1,B\n", "households.csv");
        Assert.Equal(name, Assert.Single(records).Values["head_name"]);
        var e = Assert.Single(errors);
        Assert.Equal((DataCodes.WrongType, 3, 13), (e.Code, e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void A_header_of_10000_columns_is_one_located_error_and_a_row_of_10000_stray_quotes_is_another()
    {
        var wide = Read(string.Join(",", Enumerable.Range(0, Mutator.LongField).Select(i => $"c{i}\"x\"")) + "\nH1\n", "households.csv");
        var e = Assert.Single(wide.Errors);
        Assert.Equal((DataCodes.MalformedCsv, 1, $"the header has {Mutator.LongField:N0} columns; a data file may have at most {CsvRecordReader.MaxColumns:N0}"),
            (e.Code, e.Location.Line, e.Message));

        var strayQuotes = string.Join(",", Enumerable.Repeat("[{\"a\"", Mutator.LongField));
        var (records, errors) = Read($"{Header}\nH1,C1,rural,1000,1,A\n{strayQuotes}\nH3,C1,rural,1000,0,C\n{string.Join(",", Enumerable.Repeat("7", 10))}\n", "households.csv");
        Assert.Equal(["H1", "H3"], records.Select(r => r.Id));
        Assert.Equal([(DataCodes.MalformedCsv, 3), (DataCodes.RaggedRow, 5)], errors.Select(d => (d.Code, d.Location.Line)));
        Assert.Equal("the row has 10 fields but the header has 6", errors[1].Message);
    }

    [Fact]
    public void BOM_and_CRLF_read_the_same_records_as_plain_LF()
    {
        const string text = Header + "\nH1,C1,rural,1000,1,A\nH2,C1,urban,2000,0,B\n";
        var plain = Read(text, "households.csv");
        var windows = Read(text.Replace("\n", "\r\n"), "households.csv", [0xEF, 0xBB, 0xBF]);
        Assert.Empty(windows.Errors);
        Assert.Equal(plain.Records.Select(r => (r.Id, r.Location.Line)), windows.Records.Select(r => (r.Id, r.Location.Line)));
    }

    [Fact]
    public void A_semicolon_file_is_read_and_a_pipe_delimited_file_is_a_located_error()
    {
        var semicolons = Read(Header.Replace(',', ';') + "\nH1;C1;rural;1000;1;A\n", "households.csv");
        Assert.Empty(semicolons.Errors);
        Assert.Single(semicolons.Records);
        var pipes = Read(Header.Replace(',', '|') + "\nH1|C1|rural|1000|1|A\n", "households.csv");
        Assert.Equal((DataCodes.MissingIdColumn, 1), (pipes.Errors[0].Code, pipes.Errors[0].Location.Line));
    }

    [Theory]
    [InlineData("households.json", "[", 33)]
    [InlineData("households.json", "[{\"a\":", 97)]
    [InlineData("households.yaml", "- ", 65)]
    public void Nesting_10000_deep_stops_at_32_levels_with_a_located_error(string name, string open, int column)
    {
        var text = string.Concat(Enumerable.Repeat(open, Mutator.DeepNesting));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (records, errors) = Read(text, name);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Empty(records);
        // The outer levels are reported as the wrong shape; reading stops at the 33rd level.
        var e = errors[^1];
        Assert.Equal((DataCodes.MalformedDocument, name, 1, column), (e.Code, e.Location.File, e.Location.Line, e.Location.Column));
        Assert.Contains("deeper than 32", e.Message);
        Assert.True(allocated < 16 << 20, $"allocated {allocated / 1024} KB");
    }

    [Fact]
    public void A_file_ending_inside_a_flow_mapping_is_a_located_error()
    {
        var (_, errors) = Read("records:\n  - { kind: household, id: H1, comm---\nune_id: C->.inf }\n", "households.yaml");
        var e = Assert.Single(errors);
        Assert.Equal((DataCodes.MalformedDocument, "households.yaml"), (e.Code, e.Location.File));
        Assert.True(e.Location.Line >= 1);
    }
}
