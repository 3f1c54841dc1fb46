using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>
/// Drives variants through a running PromptApi one at a time: the file is put into the models folder (renamed into
/// place, so the server never sees half of it), a chat completion of one or two tokens names it, <c>/v1/models</c>
/// must still answer, and the file is removed. A server that dies is counted and started again; a request that
/// outlives the timeout is a hang, after which the server is restarted so that one stuck load cannot hide others.
/// </summary>
internal sealed class FuzzRunner(IFuzzTarget target, TimeSpan timeout, TextWriter log)
{
    public async Task<FuzzReport> RunAsync(IReadOnlyList<GgufSeed> seeds, int runSeed, IEnumerable<int> indices, CancellationToken cancellationToken)
    {
        var report = new FuzzReport(runSeed);
        var clock = Stopwatch.StartNew();
        foreach (var index in indices)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var variant = GgufMutator.Create(seeds, runSeed, index);
            var outcome = await RunAsync(variant).ConfigureAwait(false);
            report.Add(variant, outcome);
            if (outcome.IsFailure)
            {
                await log.WriteLineAsync($"{outcome.Class}: {variant.Description}: {outcome.Detail}").ConfigureAwait(false);
            }
            if (report.Variants % 500 == 0)
            {
                await log.WriteLineAsync($"{report.Variants} variants in {clock.Elapsed:hh\\:mm\\:ss}: {report.Summary()}").ConfigureAwait(false);
            }
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    public async Task<FuzzOutcome> RunAsync(GgufVariant variant)
    {
        var id = $"fuzz-{variant.Index:D6}";
        var path = Path.Combine(target.ModelsFolder, id + ".gguf");
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, variant.Bytes).ConfigureAwait(false);
        File.Move(partial, path, overwrite: true);
        try
        {
            var outcome = await RequestAsync(id, maxTokens: 1 + (variant.Index % 2)).ConfigureAwait(false);
            if (!outcome.IsFailure)
            {
                outcome = await ModelsListAsync(id).ConfigureAwait(false) ?? outcome;
            }
            if (outcome.IsFailure)
            {
                await RecoverAsync(outcome).ConfigureAwait(false);
            }
            return outcome;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<FuzzOutcome> RequestAsync(string id, int maxTokens)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["model"] = id,
            ["max_tokens"] = maxTokens,
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = "Hello" } },
        });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var (status, json, failure) = await SendAsync(deadline => target.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content, deadline)).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        var code = (int)status;
        if (status == HttpStatusCode.OK)
        {
            return json.TryGetProperty("choices", out var choices) && choices.GetArrayLength() == 1
                ? new FuzzOutcome(FuzzVerdict.Served, "ok")
                : new FuzzOutcome(FuzzVerdict.ServerError, "200 without a choice", Excerpt(json));
        }
        if (code is >= 400 and < 500)
        {
            return OpenAIError(json) is { } error
                ? new FuzzOutcome(FuzzVerdict.Refused, error.Code ?? $"{code} (no code)", error.Message)
                : new FuzzOutcome(FuzzVerdict.RefusedOutOfShape, $"{code} not in OpenAI's error shape", Excerpt(json));
        }
        return new FuzzOutcome(FuzzVerdict.ServerError, $"{code} {OpenAIError(json)?.Code}".Trim(), OpenAIError(json)?.Message ?? Excerpt(json));
    }

    /// <summary>Null when <c>/v1/models</c> answers a list naming <paramref name="id"/> (servable or refused).</summary>
    private async Task<FuzzOutcome?> ModelsListAsync(string id)
    {
        var (status, json, failure) = await SendAsync(deadline => target.Client.GetAsync(new Uri("/v1/models", UriKind.Relative), deadline)).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }
        var listed = status == HttpStatusCode.OK && json.TryGetProperty("data", out var data)
            && data.EnumerateArray().Any(model => model.TryGetProperty("id", out var name) && name.GetString() == id);
        return listed ? null : new FuzzOutcome(FuzzVerdict.ModelsListFailed, $"/v1/models {(int)status}", Excerpt(json));
    }

    private async Task<(HttpStatusCode Status, JsonElement Json, FuzzOutcome? Failure)> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            using var response = await send(deadline.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return (response.StatusCode, Parse(text), null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            // A dying process closes its connections before its exit is seen: give it a moment to be seen.
            for (var i = 0; i < 50 && target.Death is null && e is not OperationCanceledException; i++)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
            return target.Death is { } death
                ? (default, default, new FuzzOutcome(FuzzVerdict.Death, "death", death))
                : e is OperationCanceledException
                    ? (default, default, new FuzzOutcome(FuzzVerdict.Hang, "hang", $"no answer within {timeout}"))
                    : (default, default, new FuzzOutcome(FuzzVerdict.ServerError, "connection failed", e.Message));
        }
    }

    private async Task RecoverAsync(FuzzOutcome outcome)
    {
        if (outcome.Verdict is FuzzVerdict.Death or FuzzVerdict.Hang || target.Death is not null)
        {
            await target.RestartAsync().ConfigureAwait(false);
        }
    }

    private static (string? Code, string Message)? OpenAIError(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
        && error.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
        && error.TryGetProperty("code", out var code) && code.ValueKind is JsonValueKind.String or JsonValueKind.Null
            ? (code.GetString(), message.GetString()!)
            : null;

    private static JsonElement Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    private static string Excerpt(JsonElement json) => json.ValueKind == JsonValueKind.Undefined ? "(no body)" : json.GetRawText() is var raw && raw.Length > 300 ? raw[..300] : raw;
}
