namespace NtpRules.Language.Expressions;

/// <summary>What names mean for expressions about one subject kind: its indicators, the rule set's definitions and parameters.</summary>
public interface IExpressionScope
{
    /// <summary>The subject kind expressions in this scope are about, e.g. commune.</summary>
    string SubjectKind { get; }

    /// <summary>The symbol a name stands for, or null. The built-ins <c>year</c> and <c>as_of</c> are handled by the checker.</summary>
    ExpressionSymbol? Lookup(string name);

    /// <summary>Every name in scope, for "did you mean …?" hints.</summary>
    IEnumerable<string> Names { get; }

    /// <summary>The scope of a child subject kind (for count/sum/avg/min_of/max_of/share), or null if it is not a child of this kind.</summary>
    IExpressionScope? Child(string kind);

    IEnumerable<string> ChildKinds { get; }

    /// <summary>Whether <c>met('id')</c> may name this standard.</summary>
    bool IsStandard(string id);

    IEnumerable<string> Standards { get; }
}
