using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeAspire.Evaluator.Soak;

/// <summary>One simulated user: picks a request kind, a model and sampling settings at random (seeded), sends it,
/// checks the answer and records the outcome, until told to stop. Conversations resend the server's own replies,
/// so a reply the server would refuse as input shows up as <see cref="SoakOutcome.Rejected"/>.</summary>
internal sealed class SoakClient(HttpClient http, SoakPlan plan, SoakTally tally, int index)
{
    private const int ConversationTurns = 3;

    private static readonly string[] s_prompts =
    [
        "tell me a story",
        "Explain in a few sentences how a Raspberry Pi can run a language model without a GPU.",
        "List three colours and one thing of each colour.",
        "Write a haiku about memory.",
        "What is 17 times 23?",
        "Translate 'good morning' into French, German and Spanish.",
    ];

    // Weights of the mix: mostly chat, as a chat UI's users send; the rest exercise scoring, history, cut streams
    // and the refusal paths.
    private static readonly (SoakRequestKind Kind, int Weight)[] s_mix =
    [
        (SoakRequestKind.StreamedChat, 30), (SoakRequestKind.Chat, 20), (SoakRequestKind.ScoredCompletion, 15),
        (SoakRequestKind.Conversation, 12), (SoakRequestKind.CancelledStream, 13), (SoakRequestKind.Invalid, 10),
    ];

    // Not HashCode.Combine: it is randomised per process, and the same --seed must give the same mix.
    private readonly Random _random = new(unchecked((int)(plan.Seed * 1_000_003 + index)));

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await RunOneAsync(Pick(), stop).ConfigureAwait(false);
        }
    }

    private SoakRequestKind Pick()
    {
        var roll = _random.Next(s_mix.Sum(m => m.Weight));
        foreach (var (kind, weight) in s_mix)
        {
            if ((roll -= weight) < 0)
            {
                return kind;
            }
        }
        return s_mix[0].Kind;
    }

    private async Task RunOneAsync(SoakRequestKind kind, CancellationToken stop)
    {
        switch (kind)
        {
            case SoakRequestKind.Conversation:
                await ConverseAsync(stop).ConfigureAwait(false);
                break;
            case SoakRequestKind.Invalid:
                await SendInvalidAsync().ConfigureAwait(false);
                break;
            case SoakRequestKind.ScoredCompletion:
                var completion = new JsonObject
                {
                    ["model"] = Model(), ["prompt"] = Prompt(), ["echo"] = true, ["logprobs"] = 1,
                    ["max_tokens"] = _random.Next(0, 9), ["temperature"] = 0,
                };
                await SendAsync(kind, "completions", completion, stream: false, stop).ConfigureAwait(false);
                break;
            default:
                var stream = kind != SoakRequestKind.Chat;
                await SendAsync(kind, "chat/completions", Chat([new JsonObject { ["role"] = "user", ["content"] = Prompt() }], stream), stream, stop).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Turns that resend the whole history, each reply as the server wrote it.</summary>
    private async Task ConverseAsync(CancellationToken stop)
    {
        var history = new JsonArray();
        for (var turn = 0; turn < ConversationTurns && !stop.IsCancellationRequested; turn++)
        {
            history.Add(new JsonObject { ["role"] = "user", ["content"] = Prompt() });
            var stream = turn % 2 == 0;
            var reply = await SendAsync(SoakRequestKind.Conversation, "chat/completions", Chat(history.DeepClone().AsArray(), stream), stream, stop).ConfigureAwait(false);
            if (reply is null)
            {
                return;
            }
            history.Add(new JsonObject { ["role"] = "assistant", ["content"] = reply });
        }
    }

    private JsonObject Chat(JsonArray messages, bool stream)
    {
        var body = new JsonObject
        {
            ["model"] = Model(), ["messages"] = messages, ["max_tokens"] = _random.Next(1, plan.MaxTokens + 1),
            ["temperature"] = _random.Next(3) switch { 0 => 0, 1 => 0.8, _ => 1.2 }, ["seed"] = _random.Next(),
        };
        if (stream)
        {
            body["stream"] = true;
            body["stream_options"] = new JsonObject { ["include_usage"] = true };
        }
        return body;
    }

    /// <summary>Sends one request and records its outcome; returns the reply's text when it was whole.</summary>
    private async Task<string?> SendAsync(SoakRequestKind kind, string path, JsonObject body, bool stream, CancellationToken stop)
    {
        // A request already sent finishes after the stop (its answer is checked); only the timeout cuts it.
        using var timeout = new CancellationTokenSource(plan.RequestTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var error = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                Record(kind, Failure(response.StatusCode), $"{(int)response.StatusCode} {Shorten(error)}");
                return null;
            }
            var answer = stream
                ? await SseAnswer.ReadAsync(response, kind == SoakRequestKind.CancelledStream ? 2 : 0, timeout.Token).ConfigureAwait(false)
                : SseAnswer.FromJson(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
            if (!tally.IsNewAnswer(answer.Id))
            {
                tally.Record(kind, SoakOutcome.Duplicate, $"answer id {answer.Id} seen before");
            }
            Record(kind, answer.Outcome, answer.Error);
            return answer.Outcome == SoakOutcome.Ok ? answer.Text : null;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Record(kind, SoakOutcome.Lost, $"no answer within {plan.RequestTimeout.TotalSeconds:0} s");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Record(kind, stream ? SoakOutcome.Incomplete : SoakOutcome.Transport, e.Message);
        }
        catch (JsonException e)
        {
            Record(kind, SoakOutcome.Incomplete, "malformed JSON: " + e.Message);
        }
        return null;
    }

    private static SoakOutcome Failure(HttpStatusCode status) => (int)status switch
    {
        429 => SoakOutcome.Refused,
        >= 500 => SoakOutcome.ServerError,
        _ => SoakOutcome.Rejected,
    };

    private void Record(SoakRequestKind kind, SoakOutcome outcome, string? error)
    {
        if (kind == SoakRequestKind.Invalid)
        {
            outcome = outcome switch
            {
                SoakOutcome.Rejected => SoakOutcome.InvalidRefused,
                SoakOutcome.Ok => SoakOutcome.InvalidAccepted,
                _ => outcome,
            };
        }
        var healthy = outcome is SoakOutcome.Ok or SoakOutcome.Cancelled or SoakOutcome.Refused or SoakOutcome.InvalidRefused;
        tally.Record(kind, outcome, healthy ? null : error ?? outcome.ToString());
    }

    /// <summary>Requests every OpenAI-compatible server must refuse with a 4xx: malformed JSON, messages that are not
    /// an array, a temperature that is not a number, a negative token limit.</summary>
    private async Task SendInvalidAsync()
    {
        var model = JsonValue.Create(Model());
        var bodies = new[]
        {
            "{\"model\": " + model.ToJsonString() + ", \"messages\": [",
            new JsonObject { ["model"] = model.DeepClone(), ["messages"] = "hello" }.ToJsonString(),
            new JsonObject { ["model"] = model.DeepClone(), ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }), ["temperature"] = "hot" }.ToJsonString(),
            new JsonObject { ["model"] = model.DeepClone(), ["prompt"] = "hi", ["max_tokens"] = -5 }.ToJsonString(),
        };
        var choice = _random.Next(bodies.Length);
        using var timeout = new CancellationTokenSource(plan.RequestTimeout);
        try
        {
            using var content = new StringContent(bodies[choice], Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(choice == 3 ? "completions" : "chat/completions", content, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            Record(SoakRequestKind.Invalid, response.IsSuccessStatusCode ? SoakOutcome.Ok : Failure(response.StatusCode),
                $"invalid body #{choice}: {(int)response.StatusCode} {Shorten(text)}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Record(SoakRequestKind.Invalid, SoakOutcome.Lost, $"no answer within {plan.RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            Record(SoakRequestKind.Invalid, SoakOutcome.Transport, e.Message);
        }
    }

    private string Model() => plan.Models[_random.Next(plan.Models.Count)];

    private string Prompt() => s_prompts[_random.Next(s_prompts.Length)];

    private static string Shorten(string text) => text.Length <= 200 ? text.ReplaceLineEndings(" ") : text[..200].ReplaceLineEndings(" ") + "…";
}
