namespace EdgeAspire.Evaluator.Results;

public sealed record WinograndeRow(string Model, string ItemId, int ItemIndex, string Scoring, int Answer, int Chosen, double Score1, double Score2, int Tokens1, int Tokens2, double Ms)
{
    public bool Correct => Chosen == Answer;
}
