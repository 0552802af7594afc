using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace NtpRules.Assessment.Data.Spreadsheets;

/// <summary>One worksheet to write: its name, the width of each column (characters) and its rows; the first row is a bold, frozen header.</summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows, IReadOnlyList<double>? Widths = null);

/// <summary>
/// Writes .xlsx workbooks with DocumentFormat.OpenXml. Cells are text (inline strings), numbers, booleans or dates (as
/// yyyy-MM-dd text, which the readers take back as dates). The bytes depend only on the sheets: relationship ids are
/// fixed and the zip entries carry a fixed time stamp, so the same template is the same file.
/// </summary>
public static class XlsxWriter
{
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(Stream output, IReadOnlyList<XlsxSheet> sheets)
    {
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            // Named ids throughout: the SDK would otherwise draw random ones.
            var workbook = doc.AddNewPart<WorkbookPart>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "rId1");
            workbook.Workbook = new Workbook(new Sheets());
            var styles = workbook.AddNewPart<WorkbookStylesPart>("rIdStyles");
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            for (var s = 0; s < sheets.Count; s++)
            {
                var id = $"rId{s + 1}";
                var part = workbook.AddNewPart<WorksheetPart>(id);
                part.Worksheet = Sheet(sheets[s], tabSelected: s == 0);
                workbook.Workbook.Sheets!.Append(new Sheet { Id = id, SheetId = (uint)(s + 1), Name = sheets[s].Name });
            }
        }
        // Same content, same bytes: the package stamps each entry with the time of writing.
        buffer.Position = 0;
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
            foreach (var entry in zip.Entries) entry.LastWriteTime = FixedTime;
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Worksheet Sheet(XlsxSheet sheet, bool tabSelected)
    {
        var worksheet = new Worksheet();
        worksheet.Append(new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { TabSelected = tabSelected, WorkbookViewId = 0 }));
        if (sheet.Widths is { Count: > 0 } widths)
            worksheet.Append(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        var data = new SheetData();
        for (var r = 0; r < sheet.Rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < sheet.Rows[r].Count; c++)
                if (CellOf(sheet.Rows[r][c], CellReference.Of(c + 1, r + 1), header: r == 0) is { } cell) row.Append(cell);
            data.Append(row);
        }
        worksheet.Append(data);
        return worksheet;
    }

    private static XCell? CellOf(object? value, string reference, bool header)
    {
        var cell = value switch
        {
            null => (XCell?)null,
            double d => new XCell { CellValue = new CellValue(d), DataType = CellValues.Number },
            long or int => new XCell { CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)), DataType = CellValues.Number },
            bool b => new XCell { CellValue = new CellValue(b ? "1" : "0"), DataType = CellValues.Boolean },
            DateOnly date => Text(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            _ => Text(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        };
        if (cell is null) return null;
        cell.CellReference = reference;
        if (header) cell.StyleIndex = 1;
        return cell;
    }

    private static XCell Text(string text) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
    };
}
