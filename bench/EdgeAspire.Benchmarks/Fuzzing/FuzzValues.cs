using EdgeAspire.Llama.Gguf;

namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>The values that break parsers and loaders most often: zero, one, signs, type limits, neighbours of the
/// original, non-finite floats, and texts that are empty, huge, NUL-bearing or not what a field expects.</summary>
internal static class FuzzValues
{
    private static readonly long[] s_integers = [0, 1, 2, 3, 4, 7, 8, 31, 32, 33, 63, 64, 255, 256, 511, 512, 4096, 65535, 65536,
        int.MaxValue, (long)int.MaxValue + 1, uint.MaxValue, long.MaxValue, -1, -2, int.MinValue, long.MinValue];

    private static readonly double[] s_floats = [0, -0.0, 1, -1, 1e-45, 1e-30, 1e-5, 0.5, 2, 1e4, 1e30, 3.4e38, 1e300,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    public static readonly string[] Texts = ["", " ", "\0", "a\0b", "llama", "gpt2", "bert", "t5", "rwkv", "ugm", "plamo2", "none", "no_vocab",
        "qwen2", "qwen3", "phi3", "gemma", "gemma3", "internlm2", "mamba", "default", "llama3", "llama-bpe", "deepseek-llm", "\uFFFD\uFFFD",
        "<|im_start|>", "{% for m in messages %}", "{{ raise_exception('x') }}", "%s%s%n", new string('x', 70_000), "é", "\u202E"];

    /// <summary>An integer near <paramref name="original"/> or from the table of troublemakers.</summary>
    public static long Integer(Random random, long original) => random.Next(4) switch
    {
        0 => original + random.Next(-2, 3),
        1 => random.Next(2) == 0 ? original * 2 : original / 2,
        2 => random.NextInt64(0, Math.Max(2, Math.Min(original * 4, 1_000_000))),
        _ => s_integers[random.Next(s_integers.Length)],
    };

    public static double Float(Random random, double original) => random.Next(3) switch
    {
        0 => original * (random.Next(2) == 0 ? 1000 : 0.001),
        1 => -original,
        _ => s_floats[random.Next(s_floats.Length)],
    };

    public static string Text(Random random) => Texts[random.Next(Texts.Length)];

    /// <summary>A value of <paramref name="type"/> (wrapping an integer that does not fit, as C would).</summary>
    public static GgufValue Of(GgufValueType type, Random random, long integer, double real) => new(type, type switch
    {
        GgufValueType.U8 => (object)unchecked((byte)integer),
        GgufValueType.I8 => unchecked((sbyte)integer),
        GgufValueType.U16 => unchecked((ushort)integer),
        GgufValueType.I16 => unchecked((short)integer),
        GgufValueType.U32 => unchecked((uint)integer),
        GgufValueType.I32 => unchecked((int)integer),
        GgufValueType.U64 => unchecked((ulong)integer),
        GgufValueType.I64 => integer,
        GgufValueType.F32 => (float)real,
        GgufValueType.F64 => real,
        GgufValueType.Bool => random.Next(2) == 0,
        GgufValueType.Str => Text(random),
        GgufValueType.Arr => new GgufArray(GgufValueType.I32, Enumerable.Range(0, random.Next(4)).Select(_ => unchecked((int)integer)).ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    });

    /// <summary>Any value type, arrays included.</summary>
    public static GgufValue Any(Random random)
    {
        var type = (GgufValueType)random.Next(13);
        return Of(type, random, Integer(random, 16), Float(random, 1));
    }

    /// <summary>The number inside a scalar value, whatever its type.</summary>
    public static (long Integer, double Real) Numbers(GgufValue value) => value.Value switch
    {
        float f => ((long)Math.Clamp(f, long.MinValue, long.MaxValue), f),
        double d => ((long)Math.Clamp(d, long.MinValue, long.MaxValue), d),
        bool b => (b ? 1 : 0, b ? 1 : 0),
        ulong u => (unchecked((long)u), u),
        IConvertible c and not string => (c.ToInt64(null), c.ToDouble(null)),
        _ => (0, 0),
    };
}
