using System.Globalization;
using System.Text;
using NtpRules.Language.Expressions.Binding;

namespace NtpRules.Language.Expressions.Evaluation;

/// <summary>
/// A text that is equal for two checked expressions exactly when <see cref="ExpressionCompiler"/> generates the same
/// code for them: every node's kind, operator, type and printed text (traces name values by it), literal values,
/// and the symbols' names, slots, types, units and keys, with definitions expanded. Rule versions repeat many
/// conditions word for word, so a library compiles each distinct one once.
/// </summary>
internal static class ExpressionKey
{
    public static string Of(CheckedExpression expression)
    {
        var key = new StringBuilder(256);
        Append(key, expression.Root);
        return key.ToString();
    }

    private static void Append(StringBuilder key, BoundExpr e)
    {
        key.Append('(').Append(e.GetType().Name).Append(' ');
        Type(key, e.Type);
        Text(key, e.Text);
        switch (e)
        {
            case BoundLiteral l:
                key.Append((int)l.Value.Kind).Append(' ');
                Text(key, l.Value.Kind switch
                {
                    ValueKind.Number => l.Value.AsNumber.ToString("R", CultureInfo.InvariantCulture),
                    ValueKind.Date => l.Value.AsDayNumber.ToString("R", CultureInfo.InvariantCulture),
                    _ => l.Value.ToString(),
                });
                break;
            case BoundIndicator i:
                Symbol(key, i.Symbol.Name, i.Symbol.Type, i.Symbol.Unit, i.Symbol.Slot);
                Text(key, i.Symbol.SubjectKind);
                break;
            case BoundParameter p:
                Symbol(key, p.Symbol.Name, p.Symbol.Type, p.Symbol.Unit, p.Symbol.Slot);
                foreach (var k in p.Symbol.Keys) Text(key, k);
                key.Append(p.Keys.Count).Append(' ');
                foreach (var k in p.Keys) Append(key, k);
                break;
            case BoundDefinition d:
                Append(key, d.Body);
                break;
            case BoundBuiltin b:
                key.Append(b.Builtin);
                break;
            case BoundUnary u:
                key.Append(u.Operator).Append(' ');
                Append(key, u.Operand);
                break;
            case BoundBinary b:
                key.Append(b.Operator).Append(' ').Append(b.Comparison).Append(' ');
                Append(key, b.Left);
                Append(key, b.Right);
                break;
            case BoundIn i:
                key.Append(i.Comparison).Append(' ').Append(i.Items.Count).Append(' ');
                Append(key, i.Value);
                foreach (var item in i.Items) Append(key, item);
                break;
            case BoundConditional c:
                Append(key, c.Condition);
                Append(key, c.Then);
                Append(key, c.Else);
                break;
            case BoundCall c:
                key.Append(c.Function).Append(' ').Append(c.Arguments.Count).Append(' ');
                foreach (var a in c.Arguments) Append(key, a);
                break;
            case BoundAggregate a:
                key.Append(a.Aggregate).Append(' ');
                Text(key, a.ChildKind);
                if (a.Body is not null) Append(key, a.Body);
                break;
            case BoundMet m:
                key.Append(m.CountCriteria).Append(' ');
                Text(key, m.Standard);
                break;
            case BoundBaseline b:
                Append(key, b.Body);
                break;
            default:
                // A node this key does not know: make the key unique, so nothing is shared by mistake.
                key.Append(Guid.NewGuid());
                break;
        }
        key.Append(')');
    }

    private static void Symbol(StringBuilder key, string name, ExprType type, string? unit, int slot)
    {
        Text(key, name);
        Type(key, type);
        Text(key, unit);
        key.Append(slot).Append(' ');
    }

    private static void Type(StringBuilder key, ExprType type)
    {
        key.Append(type.Kind).Append(' ');
        if (type.Kind == TypeKind.Enum)
            foreach (var v in type.EnumValues) Text(key, v);
    }

    /// <summary>Length-prefixed, so that no two sequences of texts run together the same way.</summary>
    private static void Text(StringBuilder key, string? text) =>
        (text is null ? key.Append('-') : key.Append(text.Length).Append(':').Append(text)).Append(' ');
}
