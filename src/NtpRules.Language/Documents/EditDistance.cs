namespace NtpRules.Language.Documents;

/// <summary>"Did you mean …?" suggestions by Levenshtein distance.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    /// <summary>The closest candidate within a third of the word's length (at least 2 edits), or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = Math.Max(2, word.Length / 3) + 1;
        foreach (var c in candidates)
        {
            // The length difference is a lower bound of the distance: skip the O(n·m) count when it cannot win
            // (a 10,000-character name is compared with nothing).
            if (Math.Abs(word.Length - c.Length) >= bestDistance) continue;
            var d = Between(word, c);
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return best;
    }

    /// <summary>"did you mean 'x'?" or null.</summary>
    public static string? Hint(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is { } c ? $"did you mean '{c}'?" : null;
}
