using EdgeAspire.Evaluator.Scoring;

namespace EdgeAspire.Evaluator.Tests;

public class WilsonIntervalTests
{
    [Theory]
    [InlineData(631, 1267, 0.4705, 0.5255)]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    public void Interval_matches_the_closed_form(int correct, int n, double low, double high)
    {
        var (l, h) = Wilson.Interval(correct, n);

        Assert.Equal(low, l, 3e-4);
        Assert.Equal(high, h, 3e-4);
    }
}
