using System.Text;
using H2Sharp.Headers;

namespace H2Sharp.Tests.Headers;

/// <summary>Builds header blocks for the rule tests from name/value string pairs (Latin-1, so any byte can be written as a char).</summary>
internal static class Blocks
{
    public static HeaderField F(string name, string value, bool neverIndex = false) =>
        new(Encoding.Latin1.GetBytes(name), Encoding.Latin1.GetBytes(value), neverIndex);

    public static HeaderField[] Of(params string[] pairs)
    {
        var fields = new HeaderField[pairs.Length / 2];
        for (int i = 0; i < fields.Length; i++) fields[i] = F(pairs[2 * i], pairs[(2 * i) + 1]);
        return fields;
    }

    public static readonly string[] Get = [":method", "GET", ":scheme", "https", ":authority", "example.com", ":path", "/"];

    public static HeaderField[] Request(params string[] extra) => Of([.. Get, .. extra]);

    public static HeaderField[] Response(string status, params string[] extra) => Of([":status", status, .. extra]);

    public static string Show(IReadOnlyList<HeaderField> fields) =>
        string.Join(" | ", fields.Select(f => Encoding.Latin1.GetString(f.Name.Span) + ": " + Encoding.Latin1.GetString(f.Value.Span) + (f.NeverIndex ? " (never)" : "")));

    public static HeaderRuleOptions Options(bool validate = true, bool normalize = true, bool splitCookies = true, bool extendedConnect = false) =>
        new(validate, normalize, splitCookies, extendedConnect);
}
