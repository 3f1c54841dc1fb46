using System.IO.Compression;
using System.Text.Json;

namespace EdgeAspire.Evaluator.Datasets;

/// <summary>JSON Lines from a plain or gzip file; a malformed line is an error that names its line, never skipped
/// (a silently shorter dataset would change the results).</summary>
internal static class JsonLines
{
    public static IEnumerable<(int Line, JsonElement Value)> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetException($"dataset file {path} does not exist");
        }
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var reader = new StreamReader(stream);
        var number = 0;
        while (ReadLine(reader, path, number) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            JsonElement value;
            try
            {
                using var document = JsonDocument.Parse(line);
                value = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new DatasetException($"{Path.GetFileName(path)} line {number}: not valid JSON ({e.Message.Split('.')[0]})", e);
            }
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw new DatasetException($"{Path.GetFileName(path)} line {number}: expected a JSON object, found {value.ValueKind}");
            }
            yield return (number, value);
        }
    }

    private static string? ReadLine(StreamReader reader, string path, int number)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{Path.GetFileName(path)} after line {number}: not a valid gzip stream ({e.Message})", e);
        }
    }

    public static string RequiredString(JsonElement item, string name, string where) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new DatasetException($"{where}: missing string field '{name}'");
}
