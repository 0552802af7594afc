using System.Runtime.CompilerServices;

namespace NtpRules.Reporting.Html;

/// <summary>
/// Values kept per key of three texts (a standard's, criterion's and indicator's ids and names), found first by the
/// texts' objects: every subject's results hold the same string objects of the run's rules, so a lookup per criterion
/// or indicator of every subject need not hash or read the texts. Texts seen as new objects are looked up by their
/// content; past <see cref="MostObjects"/> keys, objects are no longer added. A key asked for at a place (its
/// number in a subject's results) is first checked against the one last found there: subjects list the same
/// standards, criteria and indicators in the same order.
/// </summary>
internal sealed class TextKeyedValues<TValue>
{
    private const int MostObjects = 16_384;
    private const int MostPlaces = 4_096;

    private readonly Dictionary<(string, string, string), TValue> _byObject = new(SameObjects.Instance);
    private readonly Dictionary<(string, string, string), TValue> _byText = new();
    private readonly List<((string A, string B, string C) Key, TValue Value)> _byPlace = new();

    /// <summary>The value of the key, the one last found at <paramref name="place"/> when it is the same texts' objects.</summary>
    public bool TryGetValue(int place, string a, string b, string c, out TValue value)
    {
        if (place < _byPlace.Count)
        {
            var (key, known) = _byPlace[place];
            if (ReferenceEquals(key.A, a) && ReferenceEquals(key.B, b) && ReferenceEquals(key.C, c))
            {
                value = known;
                return true;
            }
        }
        if (!TryGetValue(a, b, c, out value)) return false;
        Place(place, (a, b, c), value);
        return true;
    }

    /// <summary>Adds a value, found at <paramref name="place"/> next time.</summary>
    public void Add(int place, string a, string b, string c, TValue value)
    {
        Add(a, b, c, value);
        Place(place, (a, b, c), value);
    }

    private void Place(int place, (string, string, string) key, TValue value)
    {
        if (place < _byPlace.Count) _byPlace[place] = (key, value);
        else if (place == _byPlace.Count && place < MostPlaces) _byPlace.Add((key, value));
    }

    private bool TryGetValue(string a, string b, string c, out TValue value)
    {
        if (_byObject.TryGetValue((a, b, c), out value!)) return true;
        if (!_byText.TryGetValue((a, b, c), out value!)) return false;
        Remember((a, b, c), value);
        return true;
    }

    private void Add(string a, string b, string c, TValue value)
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
