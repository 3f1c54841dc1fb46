using Microsoft.Playwright;

namespace EdgeAspire.Dashboard.Tests.Infrastructure;

/// <summary>Reads an open trace's waterfall from the page: its rows, where bars and token ticks are drawn.</summary>
internal static class Waterfall
{
    public static Task<string[]> SpanNamesAsync(IPage page) =>
        page.Locator(".waterfall .row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.spanName)");

    public static ILocator Row(IPage page, string spanName) => page.Locator($".waterfall .row[data-span-name='{spanName}']");

    /// <summary>[left, right] of each named span's bar, in page pixels.</summary>
    public static Task<double[][]> BarsAsync(IPage page, IEnumerable<string> spanNames) => page.EvaluateAsync<double[][]>("""
        names => names.map(n => {
          const r = document.querySelector(`.waterfall .row[data-span-name='${n}'] .bar`).getBoundingClientRect();
          return [r.left, r.right];
        })
        """, spanNames);

    /// <summary>The left edge of each token tick on a row's bar, in page pixels, in the order they are drawn.</summary>
    public static Task<double[]> TicksAsync(ILocator row) =>
        row.Locator(".tick").EvaluateAllAsync<double[]>("ticks => ticks.map(t => t.getBoundingClientRect().left)");
}
