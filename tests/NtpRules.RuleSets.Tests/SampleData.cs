using System.Globalization;
using CsvHelper;
using NtpRules.Language.Documents;
using NtpRules.Language.Library;

namespace NtpRules.RuleSets.Tests;

/// <summary>Reads a sample folder's CSV files as subjects, typing each column by the catalogue.</summary>
internal static class SampleData
{
    private static readonly (string File, string Kind)[] Files =
        [("provinces.csv", "province"), ("districts.csv", "district"), ("communes.csv", "commune"), ("households.csv", "household")];

    public static List<CaseRunner.Subject> Read(RuleLibrary library, string folder)
    {
        var subjects = new List<CaseRunner.Subject>();
        foreach (var (file, kind) in Files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) continue;
            using var reader = new StreamReader(path);
            using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
            csv.Read();
            csv.ReadHeader();
            var header = csv.HeaderRecord!;
            while (csv.Read())
            {
                var values = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var column in header)
                {
                    var text = csv.GetField(column);
                    values[column] = string.IsNullOrEmpty(text) ? null : library.Catalogue.FindIndicator(kind, column)?.Type switch
                    {
                        DataType.Number or DataType.Integer => double.Parse(text, CultureInfo.InvariantCulture),
                        DataType.Boolean => bool.Parse(text),
                        _ => text,
                    };
                }
                subjects.Add(new CaseRunner.Subject(kind, (string)values["id"]!, values));
            }
        }
        return subjects;
    }
}
