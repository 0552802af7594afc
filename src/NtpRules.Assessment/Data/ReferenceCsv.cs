using System.Text;
using NtpRules.Language.Diagnostics;

namespace NtpRules.Assessment.Data;

/// <summary>
/// A small comma-separated file read beside the data (an administrative-units list, a merge mapping): its header
/// (trimmed) and lines, once the file exists and the header names every required column; otherwise located errors.
/// Fields are never quoted.
/// </summary>
internal static class ReferenceCsv
{
    public static (string[] Header, string[] Lines)? Open(string path, string what, string code, IReadOnlyList<string> required, DiagnosticBag diagnostics)
    {
        if (!File.Exists(path))
        {
            diagnostics.Error(code, $"{what} does not exist", SourceLocation.None(path));
            return null;
        }
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var header = lines.Length > 0 ? lines[0].Split(',').Select(h => h.Trim()).ToArray() : [];
        var missing = required.Where(c => !header.Contains(c)).ToArray();
        foreach (var column in missing)
            diagnostics.Error(code, $"{what} has no '{column}' column (expected {string.Join(", ", required)})", new SourceLocation(path, 1, 1));
        return missing.Length > 0 ? null : (header, lines);
    }
}
