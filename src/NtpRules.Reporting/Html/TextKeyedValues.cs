using System.Runtime.CompilerServices;

namespace NtpRules.Reporting.Html;

/// <summary>
/// Values kept per key of three texts (a standard's, criterion's and indicator's ids and names), found first by the
/// texts' objects: every subject's results hold the same string objects of the run's rules, so a lookup per criterion
/// or indicator of every subject need not hash or read the texts. Texts seen as new objects are looked up by their
/// content; past <see cref="MostObjects"/> keys, objects are no longer added.
/// </summary>
internal sealed class TextKeyedValues<TValue>
{
    private const int MostObjects = 16_384;

    private readonly Dictionary<(string, string, string), TValue> _byObject = new(SameObjects.Instance);
    private readonly Dictionary<(string, string, string), TValue> _byText = new();

    public bool TryGetValue(string a, string b, string c, out TValue value)
    {
        if (_byObject.TryGetValue((a, b, c), out value!)) return true;
        if (!_byText.TryGetValue((a, b, c), out value!)) return false;
        Remember((a, b, c), value);
        return true;
    }

    public void Add(string a, string b, string c, TValue value)
    {
        _byText.Add((a, b, c), value);
        Remember((a, b, c), value);
    }

    private void Remember((string, string, string) key, TValue value)
    {
        if (_byObject.Count < MostObjects) _byObject[key] = value;
    }

    private sealed class SameObjects : IEqualityComparer<(string, string, string)>
    {
        public static readonly SameObjects Instance = new();

        public bool Equals((string, string, string) x, (string, string, string) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2) && ReferenceEquals(x.Item3, y.Item3);

        public int GetHashCode((string, string, string) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Item1), RuntimeHelpers.GetHashCode(key.Item2), RuntimeHelpers.GetHashCode(key.Item3));
    }
}
