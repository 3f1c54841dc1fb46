using System.Globalization;
using System.Text.RegularExpressions;
using EdgeAspire.Evaluator.Reports;

namespace EdgeAspire.Evaluator.Tests;

/// <summary>What a reader sees in the charts: value labels clear of the whiskers, whole-numbered turn ticks.</summary>
public sealed partial class SvgChartTests
{
    [Fact]
    public void A_bars_value_label_sits_above_its_whisker()
    {
        var svg = SvgChart.Bars("latency", "Latency", "ms", [new Bar("model", 100, 80, 190)]);

        var whiskerTop = Numbers(WhiskerPath().Match(svg).Groups["top"].Value);
        var label = ValueLabel().Match(svg);

        Assert.True(label.Success, svg);
        Assert.True(double.Parse(label.Groups["y"].Value, CultureInfo.InvariantCulture) < whiskerTop, svg);
    }

    [Fact]
    public void Turn_ticks_are_whole_numbers()
    {
        var svg = SvgChart.Scatter("prompt-per-turn", "Prompt per turn", "turn", "tokens", [new Series("m", [(1, 20), (2, 60), (3, 110)], Connect: true)], integerX: true);

        var xTicks = XTick().Matches(svg).Select(m => m.Groups["v"].Value).ToList();

        Assert.Equal(["0", "1", "2", "3"], xTicks);
    }

    private static double Numbers(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex("<path d=\"M[0-9.]+,[0-9.]+V(?<top>[0-9.]+)M")]
    private static partial Regex WhiskerPath();

    [GeneratedRegex("<text x=\"[0-9.]+\" y=\"(?<y>[0-9.]+)\" text-anchor=\"middle\" font-size=\"11\">100</text>")]
    private static partial Regex ValueLabel();

    // The x-axis tick labels: on the line under the plot (y = 272 = height 320 - bottom 64 + 16).
    [GeneratedRegex("<text x=\"[0-9.]+\" y=\"272\" text-anchor=\"middle\" font-size=\"11\">(?<v>[^<]+)</text>")]
    private static partial Regex XTick();
}
