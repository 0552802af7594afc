using NtpRules.Language.Expressions.Syntax;

namespace NtpRules.Language.Expressions;

/// <summary>Something a name in an expression can stand for.</summary>
public abstract record ExpressionSymbol(string Name);

/// <summary>
/// An indicator of the subject in scope. <paramref name="Slot"/> is the index the evaluation context reads it by
/// (see <see cref="Evaluation.IEvaluationContext.Indicator"/>).
/// </summary>
public sealed record IndicatorSymbol(string Name, string SubjectKind, ExprType Type, string? Unit, int Slot) : ExpressionSymbol(Name);

/// <summary>A named expression of the rule set; its body is checked in the scope where it is used.</summary>
public sealed record DefinitionSymbol(string Name, Expr Body) : ExpressionSymbol(Name);

/// <summary>
/// A parameter of the rule set. With <paramref name="Keys"/> it is a table; used bare, each key is looked up by
/// name in the scope (an indicator, a definition, <c>year</c> or <c>as_of</c>). <paramref name="Slot"/> is free for
/// the evaluation context to find the parameter fast.
/// </summary>
public sealed record ParameterSymbol(string Name, ExprType Type, string? Unit, IReadOnlyList<string> Keys, int Slot = 0) : ExpressionSymbol(Name);
