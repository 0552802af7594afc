namespace NtpRules.Language.Diagnostics;

/// <summary>A position in a source file: 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public static SourceLocation None(string file) => new(file, 0, 0);

    /// <summary>The location <paramref name="offset"/> characters further along a single-line text that starts here.</summary>
    public SourceLocation Advance(int offset) => this with { Column = Column + offset };

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
