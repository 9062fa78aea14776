namespace H2Sharp;

/// <summary>One cell of a transition table: the outcome and the state that follows.</summary>
/// <typeparam name="TState">The state enum.</typeparam>
internal readonly record struct Transition<TState>(TransitionOutcome Outcome, TState Next)
    where TState : struct;
