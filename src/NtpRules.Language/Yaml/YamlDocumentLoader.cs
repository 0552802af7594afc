using NtpRules.Language.Diagnostics;
using NtpRules.Language.Documents;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NtpRules.Language.Yaml;

/// <summary>
/// Reads one YAML document into a positioned <see cref="YamlNode"/> tree through YamlDotNet's event parser,
/// enforcing <see cref="YamlLimits"/>. An alias shares the anchored node (no copy) but its size still counts
/// against <see cref="YamlLimits.MaxNodes"/>, so exponential alias nesting fails at the first alias over the limit.
/// </summary>
public static class YamlDocumentLoader
{
    public static YamlNode? Load(string file, string text, DiagnosticBag diagnostics, YamlLimits? limits = null)
    {
        limits ??= YamlLimits.Default;
        if (text.Length > limits.MaxChars)
        {
            diagnostics.Error(DiagnosticCodes.DocumentTooLarge,
                $"the file has {text.Length:N0} characters, more than the limit of {limits.MaxChars:N0}", new SourceLocation(file, 1, 1));
            return null;
        }
        var state = new State(file, text, limits, diagnostics);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                diagnostics.Error(DiagnosticCodes.EmptyDocument, "the file is empty", new SourceLocation(file, 1, 1));
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = state.ReadNode(parser, 1, out _);
            if (root is null) return null;
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                diagnostics.Error(DiagnosticCodes.YamlSyntax, "a rule file holds one YAML document; remove the second '---'", state.At(second.Start));
                return null;
            }
            return root;
        }
        catch (YamlException ex)
        {
            diagnostics.Error(DiagnosticCodes.YamlSyntax, SyntaxMessage(ex), TabLocation(file, text, ex) ?? state.At(ex.Start),
                ex.Message.Contains("tab", StringComparison.Ordinal) ? "indent with spaces, not tabs" : null);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner can fail this way at the end of an unclosed flow collection.
            diagnostics.Error(DiagnosticCodes.YamlSyntax, "YAML syntax: the file ends inside an unclosed '{' or '['", state.LastStart);
            return null;
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet checks some tokens (a tag must be a valid URI) by throwing this, after the last node read.
            diagnostics.Error(DiagnosticCodes.YamlSyntax, $"YAML syntax after this point: {ex.Message}", state.LastStart);
            return null;
        }
    }

    // YamlDotNet places tab errors at the start of the enclosing mapping; point at the first tab-indented line instead.
    private static SourceLocation? TabLocation(string file, string text, YamlException ex)
    {
        if (!ex.Message.Contains("tab", StringComparison.Ordinal)) return null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t');
            if (tab >= 0 && tab < indent) return new SourceLocation(file, i + 1, tab + 1);
        }
        return null;
    }

    // YamlDotNet messages repeat the position: "(Line: 3, Col: 5, Idx: 20) - (…): While parsing …". Keep the words.
    private static string SyntaxMessage(YamlException ex)
    {
        var m = ex.Message;
        var i = m.LastIndexOf("): ", StringComparison.Ordinal);
        var words = i >= 0 ? m[(i + 3)..] : m;
        return "YAML syntax: " + words.Trim();
    }

    private sealed class State(string file, string text, YamlLimits limits, DiagnosticBag diagnostics)
    {
        private readonly Dictionary<string, (YamlNode Node, long Size)> _anchors = new();
        private long _nodes;
        private int _aliases;

        public SourceLocation At(Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

        /// <summary>Where the last node read starts: the best position for errors the parser does not locate.</summary>
        public SourceLocation LastStart { get; private set; } = new(file, 1, 1);

        /// <summary>Returns null after reporting a limit violation; the caller stops. <paramref name="size"/> counts nodes, aliases expanded.</summary>
        public YamlNode? ReadNode(IParser parser, int depth, out long size)
        {
            size = 0;
            var ev = parser.Current ?? throw new YamlException("unexpected end of the file");
            LastStart = At(ev.Start);
            if (ev is AnchorAlias alias)
            {
                parser.MoveNext();
                return Alias(alias, out size);
            }
            if (++_nodes > limits.MaxNodes) return Fail(DiagnosticCodes.TooManyNodes, $"the document has more than {limits.MaxNodes:N0} nodes", ev.Start);

            YamlNode node;
            size = 1;
            switch (ev)
            {
                case Scalar s:
                    parser.MoveNext();
                    node = s.Style switch
                    {
                        YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted => new YamlScalar(s.Value, ScalarStyle.Quoted, At(s.Start)),
                        YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded => new YamlScalar(s.Value, ScalarStyle.Block, At(s.Start), BlockText(s.Start)),
                        _ => new YamlScalar(s.Value, ScalarStyle.Plain, At(s.Start)),
                    };
                    break;
                case SequenceStart seq:
                {
                    if (depth > limits.MaxDepth) return Fail(DiagnosticCodes.TooDeep, $"nesting is deeper than {limits.MaxDepth} levels", seq.Start);
                    parser.MoveNext();
                    var items = new List<YamlNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _))
                    {
                        var item = ReadNode(parser, depth + 1, out var itemSize);
                        if (item is null) return null;
                        items.Add(item);
                        size += itemSize;
                    }
                    node = new YamlSequence(items, At(seq.Start));
                    break;
                }
                case MappingStart map:
                {
                    if (depth > limits.MaxDepth) return Fail(DiagnosticCodes.TooDeep, $"nesting is deeper than {limits.MaxDepth} levels", map.Start);
                    parser.MoveNext();
                    var entries = new List<KeyValuePair<YamlKey, YamlNode>>();
                    HashSet<string>? seen = null;   // only for large mappings; small ones are scanned
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        var key = ReadKey(parser, depth);
                        if (key is null) return null;
                        var value = ReadNode(parser, depth + 1, out var valueSize);
                        if (value is null) return null;
                        size += valueSize + 1;
                        if (ReferenceEquals(key, NotAName)) continue;   // reported by ReadKey
                        if (entries.Count == 16) seen = entries.Select(e => e.Key.Name).ToHashSet(StringComparer.Ordinal);
                        var duplicate = seen is null ? entries.Exists(e => e.Key.Name == key.Name) : !seen.Add(key.Name);
                        if (duplicate)
                        {
                            diagnostics.Error(DiagnosticCodes.DuplicateKey, $"the key '{key.Name}' appears twice in this mapping", key.Location);
                            continue;
                        }
                        entries.Add(new(key, value));
                    }
                    node = new YamlMapping(entries, At(map.Start));
                    break;
                }
                default:
                    throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}");
            }
            if (ev is NodeEvent { Anchor.IsEmpty: false } anchored)
                _anchors[anchored.Anchor.Value] = (node, size);
            return node;
        }

        private static readonly YamlKey NotAName = new("", default);

        /// <summary>A mapping key: a plain scalar read straight from its event; anything else is reported and gives <see cref="NotAName"/>.</summary>
        private YamlKey? ReadKey(IParser parser, int depth)
        {
            if (parser.Current is Scalar { Anchor.IsEmpty: true } s)
            {
                parser.MoveNext();
                if (++_nodes > limits.MaxNodes)
                {
                    Fail(DiagnosticCodes.TooManyNodes, $"the document has more than {limits.MaxNodes:N0} nodes", s.Start);
                    return null;
                }
                return new YamlKey(s.Value, At(s.Start));
            }
            var start = parser.Current!.Start;
            var node = ReadNode(parser, depth + 1, out _);
            if (node is null) return null;
            if (node is YamlScalar scalar) return new YamlKey(scalar.Value, scalar.Location);
            diagnostics.Error(DiagnosticCodes.WrongShape, "a mapping key must be a plain name", At(start));
            return NotAName;
        }

        /// <summary>The first non-blank character after the line of a block scalar's '|' or '>' indicator.</summary>
        private SourceLocation? BlockText(Mark indicator)
        {
            var line = (int)indicator.Line;
            var i = text.IndexOf('\n', (int)Math.Min(indicator.Index, text.Length));
            while (i >= 0 && i + 1 < text.Length)
            {
                line++;
                var start = i + 1;
                var j = start;
                while (j < text.Length && text[j] == ' ') j++;
                if (j < text.Length && text[j] is not ('\n' or '\r')) return new SourceLocation(file, line, j - start + 1);
                i = text.IndexOf('\n', start);
            }
            return null;
        }

        private YamlNode? Alias(AnchorAlias alias, out long size)
        {
            size = 0;
            if (++_aliases > limits.MaxAliases)
                return Fail(DiagnosticCodes.AliasLimit, $"more than {limits.MaxAliases} aliases in one file", alias.Start);
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                return Fail(DiagnosticCodes.YamlSyntax, $"the alias '*{alias.Value.Value}' names no anchor defined before it", alias.Start);
            size = target.Size;
            _nodes += target.Size;
            if (_nodes > limits.MaxNodes)
                return Fail(DiagnosticCodes.AliasLimit,
                    $"expanding the alias '*{alias.Value.Value}' makes the document larger than {limits.MaxNodes:N0} nodes (alias bomb?)", alias.Start);
            return target.Node;
        }

        private YamlNode? Fail(string code, string message, Mark at)
        {
            diagnostics.Error(code, message, At(at));
            return null;
        }
    }
}
