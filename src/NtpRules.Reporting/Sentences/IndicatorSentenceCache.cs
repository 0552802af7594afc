using NtpRules.Language.Explanations;
using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Reporting.Sentences;

/// <summary>
/// The reason sentences of one report's indicators, kept by their shape: the subjects of a run read the same
/// indicators against the same thresholds, so all of a sentence but the subject's own figures (its template) comes
/// back for every subject with the same verdict, thresholds in force and parts said, and is built once. The
/// explanations of an indicator share its condition, names, citation and thresholds as objects, so a shape is told
/// apart by reference and a few flags, without hashing or reading any text. One writer's own: not for two threads.
/// The figures of the sentence last asked for are this cache's (<see cref="Sentence.IFigures"/>), read before the next.
/// </summary>
internal sealed class IndicatorSentenceCache : Sentence.IFigures
{
    /// <summary>Conditions kept: a run has a few hundred indicators; past this, sentences are built each time.</summary>
    private const int MostConditions = 4_096;

    /// <summary>Shapes kept per condition: verdicts, thresholds' rows (per region, per year), parts failing.</summary>
    private const int MostShapes = 64;

    /// <summary>The slots a template has (<see cref="Sentence.Builder.Figure"/>).</summary>
    private const int MostFigures = 10;

    /// <summary>The parts said that a shape's code holds (<see cref="Code"/>).</summary>
    private const int MostParts = 6;

    private readonly Dictionary<string, Condition> _byCondition = new(ReferenceEqualityComparer.Instance);

    /// <summary>A condition's parts, and the shapes of its sentences met so far.</summary>
    private sealed class Condition(IReadOnlyList<Expr>? conjuncts)
    {
        public IReadOnlyList<Expr>? Conjuncts { get; } = conjuncts;
        public List<Shape> Shapes { get; } = new();
    }
    private readonly char[] _figures = new char[MostFigures * ValueText.MaxNumberLength];
    private readonly int[] _starts = new int[MostFigures], _lengths = new int[MostFigures];
    private int _count;

    /// <summary>
    /// A sentence's templates (English, and Vietnamese when asked for): the same objects for every explanation of
    /// the same shape, so a writer may keep what it derives from them by the shape itself.
    /// </summary>
    public sealed class Shape
    {
        internal Shape(IndicatorExplanation i, string englishName, string? vietnameseName, ulong code, string english, string? vietnamese)
        {
            Id = i.Id;
            EnglishName = englishName;
            VietnameseName = vietnameseName;
            Citation = i.Citation;
            Verdict = i.Verdict;
            Thresholds = [.. i.Thresholds];
            Code = code;
            English = english;
            Vietnamese = vietnamese;
        }

        private string Id { get; }
        private string EnglishName { get; }
        private string? VietnameseName { get; }
        private string Citation { get; }
        private Verdict Verdict { get; }
        private ThresholdUse[] Thresholds { get; }
        private ulong Code { get; }

        /// <summary>The English template ("{0}" for the first figure).</summary>
        public string English { get; }

        /// <summary>The Vietnamese template; null when the cache was not asked for Vietnamese.</summary>
        public string? Vietnamese { get; }

        internal bool Fits(IndicatorExplanation i, string englishName, string? vietnameseName, ulong code)
        {
            if (Code != code || Verdict != i.Verdict || !ReferenceEquals(Id, i.Id) || !ReferenceEquals(EnglishName, englishName)
                || !ReferenceEquals(VietnameseName, vietnameseName) || !ReferenceEquals(Citation, i.Citation)) return false;
            var thresholds = i.Thresholds;
            if (thresholds.Count != Thresholds.Length) return false;
            for (var t = 0; t < Thresholds.Length; t++)
                if (!ReferenceEquals(thresholds[t], Thresholds[t])) return false;
            return true;
        }
    }

    /// <summary>The figures of the sentence last asked for.</summary>
    public int FigureCount => _count;

    public ReadOnlySpan<char> this[int slot] => _figures.AsSpan(_starts[slot], _lengths[slot]);

    /// <summary>
    /// The shape of <paramref name="i"/>'s sentence, named <paramref name="englishName"/> (and, when asked for,
    /// <paramref name="vietnameseName"/>), its figures then in this cache. Null when the sentence is not kept (an
    /// engine's reason, more figures than slots): it is then built into <paramref name="en"/> (and <paramref name="vi"/>),
    /// to be read before their next use.
    /// </summary>
    public Shape? Of(IndicatorExplanation i, string englishName, string? vietnameseName, Sentence.Builder en, Sentence.Builder? vi)
    {
        var condition = i.NotApplicable || i.Expression.Length == 0 ? null : ConditionOf(i.Expression);
        var said = condition is null ? IndicatorSentences.Said(i) : IndicatorSentences.Said(i, condition.Conjuncts);
        if (said is null || condition is null || Code(said) is not { } code || !WriteFigures(said))
        {
            Build(i, said, englishName, vietnameseName, en, vi);
            return null;
        }
        var shapes = condition.Shapes;
        for (var n = 0; n < shapes.Count; n++)
            if (shapes[n].Fits(i, englishName, vietnameseName, code)) return shapes[n];
        Build(i, said, englishName, vietnameseName, en, vi);
        // Kept only when the builders put this cache's figures in the slots (they always should): what is kept is
        // what the sentence would have been.
        if (shapes.Count >= MostShapes || !SameFigures(en) || vi is not null && !SameFigures(vi)) return null;
        var made = new Shape(i, englishName, vietnameseName, code, en.Template, vi?.Template);
        shapes.Add(made);
        return made;
    }

    private static void Build(IndicatorExplanation i, List<(IndicatorSentences.Part Part, double? Gap)>? said, string englishName, string? vietnameseName,
        Sentence.Builder en, Sentence.Builder? vi)
    {
        IndicatorSentences.Build(i, said, englishName, Words.En, en.Clear());
        if (vi is not null) IndicatorSentences.Build(i, said, vietnameseName ?? englishName, Words.Vi, vi.Clear());
    }

    /// <summary>The condition of that text object, its parts parsed (null past <see cref="MostConditions"/>).</summary>
    private Condition? ConditionOf(string text)
    {
        if (_byCondition.TryGetValue(text, out var condition)) return condition;
        if (_byCondition.Count >= MostConditions) return null;
        return _byCondition[text] = new Condition(IndicatorSentences.ConjunctsOf(text));
    }

    /// <summary>
    /// What tells the templates of one condition apart besides the verdict and thresholds: per part said, its place in
    /// the condition, the kind of value read (none, no, yes, a number), whether it holds, and whether a gap is given.
    /// Null for more parts than the code holds.
    /// </summary>
    private static ulong? Code(List<(IndicatorSentences.Part Part, double? Gap)> said)
    {
        if (said.Count > MostParts) return null;
        var code = (ulong)said.Count;
        for (var n = 0; n < said.Count; n++)
        {
            var (p, gap) = said[n];
            if (p.Conjunct >= 16) return null;
            var value = p.Value switch { null => 0u, false => 1u, true => 2u, _ => 3u };
            var holds = p.Holds switch { null => 0u, false => 1u, true => 2u };
            var part = (ulong)((uint)p.Conjunct | value << 4 | holds << 6 | (p.GapIsFigure(gap) ? 1u : 0u) << 8);
            code |= part << (4 + 9 * n);
        }
        return code;
    }

    /// <summary>Writes the figures the sentence gives, in order (as <see cref="IndicatorSentences"/> says them); false when there are more than slots.</summary>
    private bool WriteFigures(List<(IndicatorSentences.Part Part, double? Gap)> said)
    {
        _count = 0;
        var at = 0;
        foreach (var (p, gap) in said)
        {
            if (!p.ValueIsFigure) continue;
            if (!Add((double)p.Value!, ref at)) return false;
            if (p.GapIsFigure(gap) && !Add(gap!.Value, ref at)) return false;
        }
        return true;
    }

    private bool Add(double figure, ref int at)
    {
        if (_count == MostFigures) return false;
        var length = ValueText.Number(figure, _figures.AsSpan(at));
        _starts[_count] = at;
        _lengths[_count++] = length;
        at += length;
        return true;
    }

    private bool SameFigures(Sentence.Builder b)
    {
        var args = b.Args;
        if (args.Length != _count) return false;
        for (var n = 0; n < _count; n++)
            if (!args[n].AsSpan().SequenceEqual(this[n])) return false;
        return true;
    }
}
