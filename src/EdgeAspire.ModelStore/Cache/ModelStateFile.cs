using System.Text.Json;

namespace EdgeAspire.ModelStore.Cache;

/// <summary>Reads and atomically writes <c>&lt;id&gt;.json</c>: a crash leaves the old state or the new, never half.</summary>
internal static class ModelStateFile
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Null when absent or unreadable: a damaged state file makes the model absent, never a crash.</summary>
    public static ModelState? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelState>(File.ReadAllBytes(path), s_json) is { Id: not null, Sha256: not null } state ? state : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
    }

    public static void Write(string path, ModelState state)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                JsonSerializer.Serialize(stream, state, s_json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
