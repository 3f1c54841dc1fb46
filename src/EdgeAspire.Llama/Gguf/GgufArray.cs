namespace EdgeAspire.Llama.Gguf;

/// <summary>
/// A metadata array. <see cref="Items"/> is a typed CLR array (float[] for Float32, string[] for String,
/// bool[] for Bool, …) or GgufArray[] for nested arrays, so large vocabularies are not boxed element by element.
/// </summary>
public sealed record GgufArray(GgufValueType ElementType, Array Items)
{
    public int Count => Items.Length;
}
