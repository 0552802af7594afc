namespace NtpRules.Assessment.Data;

/// <summary>Finds the subject kind of a file's rows: from its name (communes.csv, households-2024.csv) or its columns.</summary>
internal static class KindResolver
{
    public static string? FromFileName(RecordCatalogue catalogue, string path)
    {
        var tokens = Path.GetFileNameWithoutExtension(path).ToLowerInvariant()
            .Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        foreach (var kind in catalogue.Kinds)
            if (tokens.Any(t => t == kind.Kind || t == kind.Kind + "s" || t == kind.Kind + "es"))
                return kind.Kind;
        return null;
    }

    /// <summary>The kind whose indicators and parent-id columns cover the most of <paramref name="columns"/>.</summary>
    public static string? FromColumns(RecordCatalogue catalogue, IReadOnlyList<string> columns)
    {
        string? best = null;
        var bestScore = 0;
        foreach (var kind in catalogue.Kinds)
        {
            var score = columns.Count(c => catalogue.MatchColumn(kind.Kind, c) is not null
                                           || (c.EndsWith("_id", StringComparison.Ordinal) && kind.Parents.Contains(c[..^3])));
            if (score > bestScore) { best = kind.Kind; bestScore = score; }
        }
        return best;
    }
}
