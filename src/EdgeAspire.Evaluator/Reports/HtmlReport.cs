using System.Net;
using System.Text;

namespace EdgeAspire.Evaluator.Reports;

/// <summary>One self-contained HTML file: inline CSS, inline SVG charts, the Markdown report's tables. No scripts,
/// no external assets, so it opens offline and can be attached to an issue.</summary>
public static class HtmlReport
{
    public static string Render(string title, IEnumerable<(string Id, string Svg)> charts, IEnumerable<MarkdownReport.TableData> tables)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}figure{display:inline-block;margin:0.5em}")
            .Append("</style></head><body><h1>").Append(E(title)).Append("</h1>");
        html.Append("<section id=\"charts\">");
        foreach (var (id, svg) in charts)
        {
            html.Append("<figure id=\"chart-").Append(E(id)).Append("\">").Append(svg).Append("</figure>");
        }
        html.Append("</section>");
        foreach (var table in tables)
        {
            html.Append("<h2>").Append(E(table.Title)).Append("</h2><table><tr>");
            foreach (var h in table.Header)
            {
                html.Append("<th>").Append(E(h)).Append("</th>");
            }
            html.Append("</tr>");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                foreach (var cell in row)
                {
                    html.Append("<td>").Append(E(cell)).Append("</td>");
                }
                html.Append("</tr>");
            }
            html.Append("</table>");
        }
        return html.Append("</body></html>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
