using System.Text.Json;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>Reads the samples' JSON answers for exact comparison.</summary>
internal static class Json
{
    /// <summary>A JSON object of strings as an ordered list of pairs (order and duplicates kept).</summary>
    public static List<KeyValuePair<string, string>> StringPairs(JsonElement element)
    {
        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        return element.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();
    }

    /// <summary>A JSON object of strings, sorted by name, for comparing regardless of the client's field order.</summary>
    public static SortedDictionary<string, string> StringMap(JsonElement element) =>
        new(StringPairs(element).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);

    public static SortedDictionary<string, string> StringMap(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return StringMap(document.RootElement);
    }

    public static SortedDictionary<string, string> Expected(params string[] nameValuePairs)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < nameValuePairs.Length; i += 2)
        {
            map.Add(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return map;
    }
}
