using System.Text.Json;

namespace EdgeAspire.PromptApi.Gateway;

/// <summary>A model as one worker lists it: its object from <c>/v1/models</c>, passed on untouched, whether the
/// worker has the file (<c>meta.location</c> = <c>local</c>) or would first fetch it from the ModelStore, and whether
/// it can serve it (<c>meta.available</c> is false for a file it refused).</summary>
internal sealed record WorkerModel(string Id, JsonElement Json, bool Local, bool Available);
