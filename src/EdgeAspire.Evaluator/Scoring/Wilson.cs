namespace EdgeAspire.Evaluator.Scoring;

/// <summary>The Wilson score interval of a proportion: unlike the normal approximation it stays inside [0, 1] and
/// is sound for the small n of a <c>--limit</c> run.</summary>
public static class Wilson
{
    public const double Z95 = 1.959963984540054;

    public static (double Low, double High) Interval(int successes, int n, double z = Z95)
    {
        if (n <= 0)
        {
            return (0, 1);
        }
        var p = (double)successes / n;
        var z2 = z * z;
        var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
