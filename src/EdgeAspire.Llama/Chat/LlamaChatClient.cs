using System.Runtime.CompilerServices;
using EdgeAspire.Llama.Inference;
using Microsoft.Extensions.AI;

namespace EdgeAspire.Llama.Chat;

/// <summary><see cref="IChatClient"/> over an <see cref="InferenceEngine"/>: applies the model's chat template,
/// maps <see cref="ChatOptions"/> to sampling, and streams text with usage and finish reason at the end.</summary>
public sealed class LlamaChatClient : IChatClient
{
    private readonly InferenceEngine _engine;
    private readonly ChatTemplate _template;
    private readonly string _modelId;
    private readonly ChatClientMetadata _metadata;

    public LlamaChatClient(InferenceEngine engine, string? modelId = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _template = ChatTemplate.For(engine.Model);
        _modelId = modelId ?? Path.GetFileNameWithoutExtension(engine.Model.Path);
        _metadata = new ChatClientMetadata("llama.cpp", defaultModelId: _modelId);
    }

    /// <summary>Default tokens to generate when <see cref="ChatOptions.MaxOutputTokens"/> is not set.</summary>
    public int DefaultMaxOutputTokens { get; init; } = 512;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = CreateRequest(messages, options);
        var responseId = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow;
        await foreach (var update in _engine.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var contents = new List<AIContent>();
            if (update.Text.Length > 0)
            {
                contents.Add(new TextContent(update.Text));
            }
            if (update.Timings is { } timings)
            {
                contents.Add(new UsageContent(Usage(timings)));
            }
            if (contents.Count == 0 && update.FinishReason is null)
            {
                continue;
            }
            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = _modelId,
                CreatedAt = created,
                FinishReason = update.FinishReason switch
                {
                    FinishReason.Stop => ChatFinishReason.Stop,
                    FinishReason.Length => ChatFinishReason.Length,
                    FinishReason.Cancelled => new ChatFinishReason("cancelled"),
                    _ => null,
                },
                RawRepresentation = update,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(_engine) ? _engine
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>The engine belongs to its creator; disposing the client leaves it running.</summary>
    public void Dispose() { }

    private GenerationRequest CreateRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var turns = new List<PromptMessage>();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            turns.Add(new PromptMessage("system", instructions));
        }
        turns.AddRange(messages.Select(m => new PromptMessage(m.Role.Value, m.Text)));
        var prompt = _template.Apply(turns);
        return new GenerationRequest
        {
            PromptTokens = _engine.Tokenize(prompt, addSpecial: true, parseSpecial: true),
            MaxTokens = options?.MaxOutputTokens ?? DefaultMaxOutputTokens,
            Stop = options?.StopSequences?.ToArray() ?? [],
            Sampling = new SamplingOptions
            {
                // An unset temperature means deterministic decoding, as the benchmarks need.
                Temperature = options?.Temperature ?? 0f,
                TopP = options?.TopP ?? 1f,
                TopK = options?.TopK ?? 0,
                FrequencyPenalty = options?.FrequencyPenalty ?? 0f,
                PresencePenalty = options?.PresencePenalty ?? 0f,
                Seed = options?.Seed is { } seed ? unchecked((uint)seed) : null,
            },
        };
    }

    private static UsageDetails Usage(GenerationTimings timings) => new()
    {
        InputTokenCount = timings.PromptTokens,
        OutputTokenCount = timings.GeneratedTokens,
        TotalTokenCount = timings.PromptTokens + timings.GeneratedTokens,
        CachedInputTokenCount = timings.CachedTokens,
    };
}
