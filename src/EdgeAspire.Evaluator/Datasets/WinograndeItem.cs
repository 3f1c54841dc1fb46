namespace EdgeAspire.Evaluator.Datasets;

/// <summary>One WinoGrande task: a sentence with one <c>_</c>, two options, and the right one (1 or 2).</summary>
public sealed record WinograndeItem(string Id, string Sentence, string Option1, string Option2, int Answer)
{
    /// <summary>The sentence before the blank (llama.cpp's <c>first</c>).</summary>
    public string BeforeBlank => Sentence[..Sentence.IndexOf('_', StringComparison.Ordinal)];

    /// <summary>The sentence after the blank, as is (llama.cpp's <c>second</c>).</summary>
    public string AfterBlank => Sentence[(Sentence.IndexOf('_', StringComparison.Ordinal) + 1)..];

    public string Option(int n) => n == 1 ? Option1 : Option2;
}
