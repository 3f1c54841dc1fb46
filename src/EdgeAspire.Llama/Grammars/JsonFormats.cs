namespace EdgeAspire.Llama.Grammars;

/// <summary>The string <c>format</c>s a grammar can hold exactly (RFC 3339 dates and times, RFC 4122 UUIDs). Days
/// follow their month (February stops at 28: a leap day needs the year, which a grammar cannot see), so every
/// output is a real date.</summary>
internal static class JsonFormats
{
    public static IReadOnlyList<string> Supported { get; } = ["date", "time", "date-time", "uuid"];

    /// <summary>The rule for a format's quoted string, or null when <paramref name="format"/> is not supported.</summary>
    public static string? Rule(GbnfRules rules, string format)
    {
        switch (format)
        {
            case "date":
                return rules.Add("format-date", "\"\\\"\" " + Date(rules) + " \"\\\"\"");
            case "time":
                return rules.Add("format-time", "\"\\\"\" " + Time(rules) + " \"\\\"\"");
            case "date-time":
                return rules.Add("format-date-time", "\"\\\"\" " + Date(rules) + " \"T\" " + Time(rules) + " \"\\\"\"");
            case "uuid":
                return rules.Add("format-uuid", "\"\\\"\" [0-9a-f]{8} \"-\" [0-9a-f]{4} \"-\" [0-9a-f]{4} \"-\" [0-9a-f]{4} \"-\" [0-9a-f]{12} \"\\\"\"");
            default:
                return null;
        }
    }

    private static string Date(GbnfRules rules) => rules.Add("date",
        "[0-9]{4} \"-\" ( ( \"0\" [13578] | \"1\" [02] ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"3\" [01] )"
        + " | ( \"0\" [469] | \"11\" ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"30\" )"
        + " | \"02-\" ( \"0\" [1-9] | \"1\" [0-9] | \"2\" [0-8] ) )");

    /// <summary>RFC 3339 full-time: a time of day and an offset.</summary>
    private static string Time(GbnfRules rules) => rules.Add("time",
        "( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{1,3} )? ( \"Z\" | [+-] ( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] )");
}
