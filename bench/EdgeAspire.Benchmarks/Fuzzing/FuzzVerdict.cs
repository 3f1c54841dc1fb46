namespace EdgeAspire.Benchmarks.Fuzzing;

/// <summary>How a variant ended; the first two are the goal, the rest are findings.</summary>
internal enum FuzzVerdict
{
    Served,
    Refused,
    RefusedOutOfShape,
    ServerError,
    ModelsListFailed,
    Death,
    Hang,
}
