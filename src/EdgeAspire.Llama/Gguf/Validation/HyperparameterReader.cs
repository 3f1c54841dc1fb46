using System.Globalization;

namespace EdgeAspire.Llama.Gguf.Validation;

/// <summary>Reads <c>{architecture}.*</c> hyperparameters, refusing one that is missing when required, of the wrong
/// type, or outside its range, with a message naming the key and the value.</summary>
internal sealed class HyperparameterReader(GgufMetadata metadata, string architecture)
{
    public string Key(string suffix) => $"{architecture}.{suffix}";

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; null when absent and not required.</summary>
    public long? Integer(string suffix, long min, long max, bool required = true)
    {
        var key = Key(suffix);
        if (!metadata.TryGetValue(key, out var value))
        {
            ModelFileProblem.Require(!required, $"'{key}' is missing");
            return null;
        }
        ModelFileProblem.Require(GgufMetadata.TryWiden(value.Value, out var number), $"'{key}' is {value.Type}, not a whole number");
        ModelFileProblem.Require(number >= min && number <= max, $"'{key}' is {number}, outside {min}..{max}");
        return number;
    }

    /// <summary>One value per layer: llama.cpp accepts a scalar for all layers or an array with one per layer.
    /// Null when absent and not required.</summary>
    public long[]? PerLayer(string suffix, int layers, long min, long max, bool required = true)
    {
        var key = Key(suffix);
        if (!metadata.TryGetArray(key, out var array))
        {
            return Integer(suffix, min, max, required) is { } one ? Enumerable.Repeat(one, layers).ToArray() : null;
        }
        ModelFileProblem.Require(array.Count == layers, $"'{key}' has {array.Count} values for {layers} layers");
        var values = new long[layers];
        for (var i = 0; i < layers; i++)
        {
            var item = array.Items.GetValue(i)!;
            ModelFileProblem.Require(GgufMetadata.TryWiden(item, out values[i]) && values[i] >= min && values[i] <= max,
                $"'{key}' value {i} is {item}, not a whole number in {min}..{max}");
        }
        return values;
    }

    /// <summary>A finite number above zero (ggml asserts on a NaN or negative epsilon at the first decode); null
    /// when absent and not required.</summary>
    public double? Positive(string suffix, bool required = true)
    {
        var key = Key(suffix);
        if (!metadata.TryGetValue(key, out var value))
        {
            ModelFileProblem.Require(!required, $"'{key}' is missing");
            return null;
        }
        ModelFileProblem.Require(metadata.TryGetDouble(key, out var number), $"'{key}' is {value.Type}, not a number");
        ModelFileProblem.Require(double.IsFinite(number) && number > 0, $"'{key}' is {Convert.ToString(value.Value, CultureInfo.InvariantCulture)}; it must be a finite number above 0");
        return number;
    }

    /// <summary>One of <paramref name="allowed"/>, or absent.</summary>
    public void OneOf(string suffix, IReadOnlyList<string> allowed)
    {
        var key = Key(suffix);
        if (metadata.TryGetValue(key, out var value))
        {
            ModelFileProblem.Require(value.Value is string text && allowed.Contains(text),
                $"'{key}' is {(value.Value is string s ? $"'{s}'" : value.Type.ToString())}, not one of {string.Join(", ", allowed)}");
        }
    }
}
