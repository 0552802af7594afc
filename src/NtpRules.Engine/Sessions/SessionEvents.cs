using NtpRules.Engine.Rete;

namespace NtpRules.Engine;

/// <summary>Tracing events of one session. With no subscriber an event costs a null check.</summary>
public sealed class SessionEvents
{
    public event EventHandler<FactEventArgs>? FactInserted;
    public event EventHandler<FactEventArgs>? FactUpdated;
    public event EventHandler<FactEventArgs>? FactRetracted;
    public event EventHandler<ActivationEventArgs>? ActivationCreated;
    public event EventHandler<ActivationEventArgs>? ActivationUpdated;
    public event EventHandler<ActivationEventArgs>? ActivationDeleted;
    public event EventHandler<ActivationEventArgs>? RuleFiring;
    public event EventHandler<ActivationEventArgs>? RuleFired;
    public event EventHandler<ConditionEventArgs>? ConditionEvaluated;
    public event EventHandler<ActionFailedEventArgs>? ActionFailed;

    internal bool TracesConditions => ConditionEvaluated is not null;

    internal void OnFactInserted(object fact) => FactInserted?.Invoke(this, new FactEventArgs(fact));

    internal void OnFactUpdated(object fact) => FactUpdated?.Invoke(this, new FactEventArgs(fact));

    internal void OnFactRetracted(object fact) => FactRetracted?.Invoke(this, new FactEventArgs(fact));

    internal void OnConditionEvaluated(string? key, object[] arguments, bool result) =>
        ConditionEvaluated?.Invoke(this, new ConditionEventArgs(key, arguments, result));

    internal void OnActivation(ActivationChange change, TerminalNode terminal, Token token)
    {
        var handler = change switch
        {
            ActivationChange.Created => ActivationCreated,
            ActivationChange.Updated => ActivationUpdated,
            _ => ActivationDeleted,
        };
        handler?.Invoke(this, new ActivationEventArgs(terminal.Rule, new Bindings(token).ToArray()));
    }

    internal void OnRuleFiring(Activation activation) => RuleFiring?.Invoke(this, Args(activation));

    internal void OnRuleFired(Activation activation) => RuleFired?.Invoke(this, Args(activation));


    /// <summary>Raises <see cref="ActionFailed"/>; true when a subscriber handled the failure.</summary>
    internal bool OnActionFailed(RuleActionException exception)
    {
        if (ActionFailed is null) return false;
        var args = new ActionFailedEventArgs(exception);
        ActionFailed(this, args);
        return args.IsHandled;
    }

    private static ActivationEventArgs Args(Activation a) =>
        new(a.Terminal.Rule, new Bindings(a.Token).ToArray());
}
