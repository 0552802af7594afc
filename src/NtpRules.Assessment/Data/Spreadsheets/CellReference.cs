namespace NtpRules.Assessment.Data.Spreadsheets;

/// <summary>Spreadsheet cell names: column letters (A, B, …, Z, AA, …) and a row number, as in "B7".</summary>
public static class CellReference
{
    /// <summary>The letters of the 1-based column <paramref name="column"/>: 1 → A, 27 → AA.</summary>
    public static string Letters(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    public static string Of(int column, int row) => Letters(column) + row;

    /// <summary>The last column a sheet has (XFD).</summary>
    public const int MaxColumn = 16_384;

    /// <summary>The 1-based column of a reference such as "B7": 0 when it starts with no letter, -1 past <see cref="MaxColumn"/>.</summary>
    public static int Column(string reference)
    {
        var column = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') column = column * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') column = column * 26 + (ch - 'a' + 1);
            else break;
            if (column > MaxColumn) return -1;
        }
        return column;
    }
}
