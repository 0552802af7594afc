namespace NtpRules.Language.Diagnostics;

/// <summary>Collects every problem found in a pass so that users see them all at once.</summary>
public sealed class DiagnosticBag : IEnumerable<Diagnostic>
{
    private readonly List<Diagnostic> _items = new();

    public bool HasErrors => _items.Exists(d => d.IsError);
    public int Count => _items.Count;

    public void Add(Diagnostic d) => _items.Add(d);
    public void AddRange(IEnumerable<Diagnostic> ds) => _items.AddRange(ds);
    /// <summary>Puts a problem found late where it would have come had it been found as it was read.</summary>
    public void Insert(int index, Diagnostic d) => _items.Insert(index, d);
    public void Error(string code, string message, SourceLocation at, string? hint = null) => _items.Add(Diagnostic.Error(code, message, at, hint));
    public void Warning(string code, string message, SourceLocation at, string? hint = null) => _items.Add(Diagnostic.Warning(code, message, at, hint));

    public IReadOnlyList<Diagnostic> ToList() => _items.ToArray();
    public IEnumerator<Diagnostic> GetEnumerator() => _items.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
