using System.Text.Json.Serialization;

namespace Dynamo.Core.Rows;

[JsonSerializable(typeof(string))]
internal sealed partial class RowsJsonContext : JsonSerializerContext;
