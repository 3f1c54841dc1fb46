using System.IO.Compression;

namespace EdgeAspire.Evaluator.Datasets;

/// <summary>WinoGrande 1.1 JSON Lines (<c>qID, sentence, option1, option2, answer</c>), or the zip AllenAI
/// publishes (its <c>dev.jsonl</c> is used).</summary>
public static class WinograndeDataset
{
    public static IReadOnlyList<WinograndeItem> Load(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            path = ExtractDev(path);
        }
        var items = new List<WinograndeItem>();
        foreach (var (line, json) in JsonLines.Read(path))
        {
            var where = $"{Path.GetFileName(path)} line {line}";
            var sentence = JsonLines.RequiredString(json, "sentence", where);
            if (!sentence.Contains('_', StringComparison.Ordinal))
            {
                throw new DatasetException($"{where}: the sentence has no '_'");
            }
            var answer = JsonLines.RequiredString(json, "answer", where);
            if (answer is not ("1" or "2"))
            {
                throw new DatasetException($"{where}: answer must be \"1\" or \"2\", found \"{answer}\"");
            }
            var id = json.TryGetProperty("qID", out var q) ? q.GetString() ?? $"line-{line}" : $"line-{line}";
            items.Add(new WinograndeItem(id, sentence, JsonLines.RequiredString(json, "option1", where), JsonLines.RequiredString(json, "option2", where), answer == "1" ? 1 : 2));
        }
        if (items.Count == 0)
        {
            throw new DatasetException($"{Path.GetFileName(path)} has no WinoGrande items");
        }
        var duplicate = items.GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? items : throw new DatasetException($"{Path.GetFileName(path)}: qID {duplicate.Key} appears {duplicate.Count()} times");
    }

    /// <summary>Extracts <c>…/dev.jsonl</c> beside the zip (once).</summary>
    private static string ExtractDev(string zipPath)
    {
        var target = Path.ChangeExtension(zipPath, ".dev.jsonl");
        if (File.Exists(target))
        {
            return target;
        }
        try
        {
            using var zip = ZipFile.OpenRead(zipPath);
            var entry = zip.Entries.FirstOrDefault(e => e.FullName.EndsWith("dev.jsonl", StringComparison.Ordinal))
                ?? throw new DatasetException($"{Path.GetFileName(zipPath)} has no dev.jsonl");
            var partial = target + ".partial";
            entry.ExtractToFile(partial, overwrite: true);
            File.Move(partial, target, overwrite: true);
            return target;
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{Path.GetFileName(zipPath)} is not a valid zip file ({e.Message})", e);
        }
    }
}
