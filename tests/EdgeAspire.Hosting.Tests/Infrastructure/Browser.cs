using Microsoft.Playwright;

namespace EdgeAspire.Hosting.Tests.Infrastructure;

/// <summary>Playwright driving the system's Chromium (Debian's <c>chromium</c> package; <c>EDGEASPIRE_CHROMIUM</c>
/// names another), never a browser Playwright downloads. Screenshots go to <c>TestResults/screenshots</c> in the
/// test's output folder.</summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Script errors and console errors or warnings of the page, for failure messages.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Errors { get; } = [];

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task<Browser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("EDGEASPIRE_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            Assert.Skip($"no Chromium at {executable} (apt-get install chromium, or set EDGEASPIRE_CHROMIUM)");
        }
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        var result = new Browser(playwright, browser, page);
        page.PageError += (_, error) => result.Errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                result.Errors.Add(message.Text);
            }
        };
        return result;
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        var path = Path.Combine(ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.AddAttachment(name, path);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
