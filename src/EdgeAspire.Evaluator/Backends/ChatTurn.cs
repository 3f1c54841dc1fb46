namespace EdgeAspire.Evaluator.Backends;

/// <summary>A message sent to the model: role <c>user</c>, <c>assistant</c> or <c>system</c>.</summary>
public sealed record ChatTurn(string Role, string Content);
