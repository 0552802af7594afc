using NtpRules.Language.Diagnostics;

namespace NtpRules.Language.Yaml;

/// <summary>A node of a loaded YAML document with the position where it starts.</summary>
public abstract class YamlNode
{
    private protected YamlNode(SourceLocation location) => Location = location;

    public SourceLocation Location { get; }

    /// <summary>Human name of the node's shape, for messages such as "expected a mapping, found a sequence".</summary>
    public abstract string ShapeName { get; }
}

/// <summary>How a scalar was written: plain scalars may be null, numbers, booleans or dates; quoted ones are always text.</summary>
public enum ScalarStyle { Plain, Quoted, Block }

public sealed class YamlScalar : YamlNode
{
    internal YamlScalar(string value, ScalarStyle style, SourceLocation location, SourceLocation? textLocation = null) : base(location)
    {
        Value = value;
        Style = style;
        TextLocation = textLocation ?? (style == ScalarStyle.Quoted ? location.Advance(1) : location);
    }

    public string Value { get; }
    public ScalarStyle Style { get; }

    /// <summary>A plain <c>null</c>, <c>~</c> or empty value.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>Where the text itself starts: one column after an opening quote; the first content line of a block scalar.</summary>
    public SourceLocation TextLocation { get; }

    public override string ShapeName => IsNull ? "null" : "a scalar";
    public override string ToString() => Value;
}

public sealed class YamlSequence : YamlNode
{
    internal YamlSequence(IReadOnlyList<YamlNode> items, SourceLocation location) : base(location) => Items = items;

    public IReadOnlyList<YamlNode> Items { get; }
    public override string ShapeName => "a list";
}

/// <summary>A key written in a mapping, with its own position (errors about a key point at the key).</summary>
public sealed record YamlKey(string Name, SourceLocation Location);

public sealed class YamlMapping : YamlNode
{
    internal YamlMapping(IReadOnlyList<KeyValuePair<YamlKey, YamlNode>> entries, SourceLocation location) : base(location) => Entries = entries;

    /// <summary>Entries in document order. Keys are unique (duplicates are reported by the loader and the later one dropped).</summary>
    public IReadOnlyList<KeyValuePair<YamlKey, YamlNode>> Entries { get; }

    public YamlNode? this[string key]
    {
        get
        {
            foreach (var e in Entries)
                if (e.Key.Name == key) return e.Value;
            return null;
        }
    }

    public YamlKey? KeyOf(string key)
    {
        foreach (var e in Entries)
            if (e.Key.Name == key) return e.Key;
        return null;
    }

    public override string ShapeName => "a mapping";
}
