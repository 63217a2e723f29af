using System.Text;
using CsCheck;
using Dynamo.Core.Datasets;
using Dynamo.Core.Tests.Properties;

namespace Dynamo.Core.Tests.Fuzzing;

/// <summary>
/// The bodies the fuzzer starts from and generates: valid rows of each dataset (from the property
/// generators), rows with fields dropped, retyped or added, hand-written edge cases, and every saved finding.
/// </summary>
internal static class RequestCorpus
{
    /// <summary>A dataset without key fields (its key is the row's hash) with every keyword the validator knows.</summary>
    public static readonly Dataset Events = Dataset.FromDeclaration("""
        {"name": "events", "schema": {"type": "object", "required": ["kind"], "additionalProperties": true, "properties": {
          "kind": {"enum": ["a", 1, null, {"x": [1, 2.50]}]},
          "n": {"type": "integer", "minimum": -5, "exclusiveMaximum": 10},
          "r": {"type": ["number", "null"], "exclusiveMinimum": 0, "maximum": 1e3},
          "tags": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "string", "minLength": 1, "maxLength": 3, "pattern": "^[a-z]+$"}},
          "at": {"type": "string", "format": "date-time"},
          "fixed": {"const": {"a": [true, 0]}},
          "closed": {"type": "object", "properties": {"p": {"type": "boolean"}}, "additionalProperties": false}}}}
        """);

    public static IReadOnlyList<Dataset> Datasets => [Tests.Rows.Requests.Orders, Tests.Rows.Requests.Readings, Events];

    private static readonly Gen<JObject> EventRows = Gen.Select(
        Gen.OneOf<JValue>(new JString("a"), new JNumber(false, 1, 0), new JNull(), new JObject([("x", new JArray([new JNumber(false, 1, 0), new JNumber(false, 25, 1)]))])),
        JsonGen.Object(Gen.OneOf("n", "r", "tags", "at", "fixed", "closed", "x", "é"), JsonGen.Value(2, storable: false), 0, 5),
        (kind, rest) => rest.With("kind", kind));

    /// <summary>A valid row of the dataset, sometimes broken: a field dropped, given any value, or a field added with any name.</summary>
    private static Gen<JObject> RowsOf(Dataset dataset)
    {
        var valid = dataset.Name switch
        {
            "orders" => RowGen.Orders.Select(r => r.Row),
            "readings" => RowGen.Readings.Select(r => r.Row),
            _ => EventRows,
        };
        var change = Gen.Select(Gen.Int[0, 3], JsonGen.Text(0, 4), JsonGen.Value(2, storable: false));
        return Gen.Select(valid, Gen.Frequency((2, Gen.Const(Array.Empty<(int, string, JValue)>())), (1, change.Array[1, 3])), (row, changes) =>
        {
            foreach (var (what, name, value) in changes)
            {
                var fields = row.Properties;
                var field = fields.IsEmpty ? name : fields[(name.Length + what) % fields.Length].Name;
                row = what switch
                {
                    0 => new JObject([.. fields.Where(f => f.Name != field)]),
                    1 => row.With(field, value),
                    _ => row.With(name, value),
                };
            }
            return row;
        });
    }

    /// <summary>Bodies of 1 to 8 rows of one dataset (some rows repeated), each spelled its own way.</summary>
    public static Gen<byte[]> Bodies(Dataset dataset) => Gen.Select(RowsOf(dataset).Array[1, 8], JsonGen.SpellingSeed, (rows, seed) =>
    {
        var random = new Random(seed);
        var spelled = rows.Select(r => r.Spell(random)).ToList();
        if (random.Next(4) == 0) spelled.Insert(random.Next(spelled.Count + 1), spelled[random.Next(spelled.Count)]);
        return Encoding.UTF8.GetBytes($"{{\"rows\":[{string.Join(",", spelled)}]}}");
    });

    private static readonly string[] HandWritten =
    [
        "{\"rows\":[]}", "{\"rows\":[1]}", "{\"rows\":[{}]}", "{}", "[]", "", " ", "null", "{\"rows\":{}}", "{\"rows\":[{}],\"rows\":[{}]}",
        "{\"rows\":[{}]} {}", "{\"rows\":[{}]}\n", "\uFEFF{\"rows\":[{}]}",
        """{"rows":[{"orderId":"A-1","customer":"Ada","amount":12.5,"currency":"EUR","status":"paid","createdAt":"2026-01-01T12:00:00Z"}]}""",
        """{"rows":[{"orderId":"A-1","customer":"Zoë 😀 \u0000\n\"q\"","amount":1e-51,"status":"paid","createdAt":"2026-01-01T12:00:00+02:00","big":9.9999999999999999999999999999999999999E+125,"map":{"_inner":"x","nested":{"list":[1,"two",null,false,{"x":[]}]}},"emptyMap":{},"emptyList":[],"listOfLists":[[1],[[2]],[]]}]}""",
        """{"rows":[{"deviceId":"d-1","ts":"2026-01-01T00:00:00Z","temperature":21.5,"humidity":40},{"deviceId":"d-1","ts":"2026-01-01T01:00:00+01:00","humidity":100}]}""",
        """{"rows":[{"deviceId":"d-1","ts":"0000-01-01T00:30:00+01:00"},{"deviceId":"d-1","ts":"9999-12-31T23:30:00-01:00"},{"deviceId":"","ts":"2016-12-31T23:59:60Z"}]}""",
        """{"rows":[{"kind":{"x":[1,2.5]},"n":9,"r":null,"tags":["a","bc"],"at":"2026-01-01T00:00:00z","fixed":{"a":[true,0.0]},"closed":{"p":false}}]}""",
    ];

    /// <summary>The seeds: hand-written bodies, saved findings, and generated bodies of every dataset.</summary>
    public static List<byte[]> Seeds(IEnumerable<byte[]> findings)
    {
        var seeds = HandWritten.Select(Encoding.UTF8.GetBytes).Concat(findings).ToList();
        foreach (var dataset in Datasets) seeds.AddRange(Bodies(dataset).List[40].Single());
        return seeds;
    }
}
