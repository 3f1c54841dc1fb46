using EdgeAspire.Evaluator.Backends;

namespace EdgeAspire.Evaluator.Results;

/// <summary>One conversation turn's request: <see cref="Turn"/> is the index of its prompter message in the thread.
/// <see cref="Error"/> is set when the server refused the request (a thread longer than the model's context): such a
/// turn is recorded, so a resumed run does not retry it, and left out of every figure.</summary>
public sealed record ChatRow(string Model, string ThreadId, int Turn, int Conversation, ChatMeasurement Measurement, DateTime StartedUtc, string? Error = null);
