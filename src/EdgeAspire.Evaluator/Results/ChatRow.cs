using EdgeAspire.Evaluator.Backends;

namespace EdgeAspire.Evaluator.Results;

/// <summary>One conversation turn's request: <see cref="Turn"/> is the index of its prompter message in the thread.</summary>
public sealed record ChatRow(string Model, string ThreadId, int Turn, int Conversation, ChatMeasurement Measurement, DateTime StartedUtc);
