using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeAspire.Dashboard.Api;

/// <summary>The dashboard's own serializer settings, so hosting it changes nothing in the host's JSON. Gauges and
/// attributes may hold NaN or infinity, which plain JSON cannot.</summary>
internal static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
