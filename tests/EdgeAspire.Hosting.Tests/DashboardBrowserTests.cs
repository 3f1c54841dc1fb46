using System.Diagnostics;
using System.Text.RegularExpressions;
using EdgeAspire.Hosting.Tests.Infrastructure;
using EdgeAspire.Llama.Gguf;
using EdgeAspire.Llama.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EdgeAspire.Hosting.Tests;

/// <summary>The Aspire dashboard in a browser (Playwright on the system's Chromium): what a user sees of one chat
/// through the gateway. Locators are the dashboard's own labels (a span row is titled "resource: span name").</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task A_chat_shows_in_the_dashboard_as_a_trace_of_its_stages_and_opens_in_the_GenAI_view()
    {
        await using var browser = await Browser.LaunchAsync();
        var file = Fixtures.SyntheticModel(GgmlType.F32);
        var model = Path.GetFileNameWithoutExtension(file);
        var worker = ResourceNames.FromModelId("worker", model);
        // Opted in, as a user would for the AppHost, so that the GenAI view has the conversation to show.
        await using var stack = await AspireStack.StartAsync([file], arguments: ["--OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT=true"]);
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var (status, body) = await Chat.SendAsync(stack.Gateway, model, traceId, maxTokens: 8);
        Assert.Equal(200, status);
        var usage = body.GetProperty("usage");
        using var telemetry = new DashboardTelemetry(stack.DashboardUrl, AspireStack.ApiKey);
        var spans = await telemetry.WaitForTraceAsync(traceId,
            s => s.Any(x => x.Name == "detokenize") && s.Any(x => x.Service == "gateway"), TimeSpan.FromSeconds(30));
        Assert.Contains(spans, s => s.Name == "detokenize");
        var page = browser.Page;

        // The token in the URL signs the browser in and sends it on, away from the login form.
        await page.GotoAsync(new Uri(stack.DashboardUrl, $"/login?t={AspireStack.BrowserToken}").ToString());
        Assert.DoesNotContain("/login", page.Url, StringComparison.Ordinal);

        // From the Traces list to the trace's page, as a user would: the row's name cell carries the full trace id.
        await page.GotoAsync(new Uri(stack.DashboardUrl, "/traces").ToString());
        await page.Locator($"[role=gridcell][title$='Trace Id: {traceId}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(stack.DashboardUrl, $"/traces/detail/{traceId}").ToString());
        string[] rows = ["gateway: POST /v1/chat/completions", $"{worker}: chat {model}",
            .. new[] { "tokenize", "queue", "prefill", "decode", "detokenize" }.Select(stage => $"{worker}: {stage}")];
        foreach (var row in rows)
        {
            await Expect(page.GetByRole(AriaRole.Gridcell, new() { Name = row, Exact = true })).ToBeVisibleAsync();
        }
        await browser.ScreenshotAsync("trace-detail");

        // The GenAI view of the chat span, read from its gen_ai.* attributes; the conversation is there because this
        // stack opted in above.
        var chatCell = page.GetByRole(AriaRole.Gridcell, new() { Name = $"{worker}: chat {model}", Exact = true });
        await page.GetByRole(AriaRole.Row).Filter(new() { Has = chatCell }).GetByRole(AriaRole.Button, new() { Name = "GenAI details" }).ClickAsync();
        var view = page.Locator(".genai-dialog-body");
        await Expect(view).ToContainTextAsync($"{worker}: chat {model}");
        var tokens = view.GetByTitle(new Regex($@"^Input tokens: {usage.GetProperty("prompt_tokens").GetInt32()}\s+Output tokens: {usage.GetProperty("completion_tokens").GetInt32()}$"));
        await Expect(tokens).ToHaveTextAsync($"Tokens {usage.GetProperty("total_tokens").GetInt32()}");
        await Expect(MessageContent(view, "User")).ToHaveAttributeAsync("data-content", Chat.Prompt);
        var answer = body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        await Expect(MessageContent(view, "Assistant")).ToHaveAttributeAsync("data-content", answer);
        await browser.ScreenshotAsync("genai-view");
        await view.GetByRole(AriaRole.Tab, new() { Name = "Details" }).ClickAsync();
        var modelRow = view.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTitle("gen_ai.request.model", new() { Exact = true }) });
        await Expect(modelRow).ToContainTextAsync(model);

        // The worker's GenAI metrics in the Metrics page (Aspire has the services export every second).
        await page.GotoAsync(new Uri(stack.DashboardUrl, $"/metrics/resource/{worker}").ToString());
        await Expect(page.GetByText("gen_ai.server.time_per_output_token", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("gen_ai.server.time_to_first_token", new() { Exact = true }).First).ToBeVisibleAsync();
        await browser.ScreenshotAsync("metrics");
        Assert.Empty(browser.Errors);
    }

    /// <summary>A message of the GenAI view by its role's title; <c>data-content</c> holds its text as recorded.</summary>
    private static ILocator MessageContent(ILocator view, string role) =>
        view.Locator(".message-container").Filter(new() { Has = view.Page.GetByText(role, new() { Exact = true }) }).Locator("[data-content]");
}
