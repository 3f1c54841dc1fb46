namespace EdgeAspire.Dashboard.Tests.Infrastructure;

/// <summary>A shell script standing in for <c>edgeaspire-eval</c>: it honours the same contract (progress lines,
/// report files under <c>--out</c>, a one-line JSON summary last on stdout, the exit code).</summary>
internal sealed class FakeEvaluator : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("edgeaspire-fake-eval-");

    public FakeEvaluator(bool fail = false)
    {
        Path = System.IO.Path.Combine(_folder.FullName, "edgeaspire-eval");
        var body = fail
            ? """
              echo "loading dataset"
              echo "error: dataset not found" >&2
              echo '{"ok":false,"command":"'"$1"'","error":"dataset not found","exit_code":2}'
              exit 2
              """
            : """
              workload="$1"; out=""; args="$*"
              while [ $# -gt 0 ]; do [ "$1" = "--out" ] && out="$2"; shift; done
              mkdir -p "$out/run-1"
              echo "<html><body>report of $workload: $args</body></html>" > "$out/run-1/report.html"
              echo "item 1/2"
              echo "item 2/2"
              echo '{"ok":true,"command":"'"$workload"'","run_id":"run-1","report":"'"$out"'/run-1/report.md","html":"'"$out"'/run-1/report.html"}'
              """;
        File.WriteAllText(Path, "#!/bin/sh\n" + body + "\n");
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the fake Evaluator is a POSIX shell script");
        }
        else
        {
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        OutputPath = System.IO.Path.Combine(_folder.FullName, "runs");
    }

    public string Path { get; }

    public string OutputPath { get; }

    public void Dispose() => _folder.Delete(recursive: true);
}
