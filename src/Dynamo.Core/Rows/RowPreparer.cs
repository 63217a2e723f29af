using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;

namespace Dynamo.Core.Rows;

/// <summary>
/// Turns a request body into what the writer needs: parses it, validates every row against its dataset
/// (schema, key, DynamoDB's limits), converts the valid ones into items with their system attributes,
/// and marks in-request duplicates (the last valid row of a key wins; an invalid row never displaces one).
/// </summary>
public static class RowPreparer
{
    /// <summary>A row with more errors than this reports the first ones and how many more there were.</summary>
    private const int MaxErrorsPerRow = 10;

    public static PreparedRequest Prepare(Dataset dataset, ReadOnlyMemory<byte> body, string requestId, DateTimeOffset ingestedAt)
    {
        var parsed = RequestBody.Parse(body, out var error);
        if (parsed is null) return new PreparedRequest(error!);

        using var context = new RowContext(dataset, requestId, ingestedAt);
        var rows = new PreparedRow[parsed.Rows.Count];
        var identities = new KeyIdentity[rows.Length];
        var lastIndexOfKey = new Dictionary<KeyIdentity, int>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = context.Prepare(i, parsed.Rows[i], out identities[i]);
            if (rows[i].Item is not null) lastIndexOfKey[identities[i]] = i;
        }
        for (var i = 0; i < rows.Length; i++)
        {
            if (rows[i].Item is not null && lastIndexOfKey[identities[i]] != i)
                rows[i] = rows[i] with { Status = RowStatus.Duplicate, Item = null };
        }
        return new PreparedRequest(parsed, rows);
    }

    /// <summary>The formatting every date-time written by Dynamo shares: UTC, "Z", no redundant fraction digits.</summary>
    public static string FormatUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z";

    /// <summary>What stays the same for every row of one request, and buffers reused from row to row.</summary>
    private sealed class RowContext(Dataset dataset, string requestId, DateTimeOffset ingestedAt) : IDisposable
    {
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // The same for every item of the request: one instance each, which the SDK only reads when marshalling.
        private readonly AttributeValue _ingestedAt = new() { S = FormatUtc(ingestedAt) };
        private readonly AttributeValue _requestId = new() { S = requestId };
        private readonly int _systemBytes = SystemAttributesBytes(dataset, requestId, FormatUtc(ingestedAt));
        private readonly ArrayBufferWriter<byte> _canonical = new(4096);
        private readonly FieldOrderCache _fieldOrder = new();
        private readonly List<string> _errors = [];
        private readonly ItemConverter _converter = new(dataset.Validator.Properties);

        public PreparedRow Prepare(int index, JsonElement row, out KeyIdentity identity)
        {
            identity = default;
            _errors.Clear();
            dataset.Validator.Validate(row, FieldPath.Row, _errors);
            var item = _converter.Convert(row, _errors, out var bytes);
            var keyOfRow = CheckKey(row, item, ref bytes, out var replacements);
            if (_errors.Count == 0)
            {
                var hash = Hash(row, replacements);
                var hashValue = new AttributeValue { S = hash };
                item[SystemAttributes.Hash] = hashValue;
                item[SystemAttributes.IngestedAt] = _ingestedAt;
                item[SystemAttributes.RequestId] = _requestId;
                if (!dataset.HasNaturalKey)
                {
                    item[SystemAttributes.Id] = hashValue;
                    keyOfRow = RowKey.OfId(dataset, hash);
                }
                bytes += _systemBytes;
                if (bytes > DynamoDbLimits.MaxItemBytes)
                    _errors.Add($"row: the item would be {bytes:N0} bytes, over DynamoDB's limit of 400 KB ({DynamoDbLimits.MaxItemBytes:N0} bytes)");
            }
            if (_errors.Count > 0) return new PreparedRow { Index = index, KeyOfRow = keyOfRow, Status = RowStatus.Invalid, Errors = Errors() };
            identity = KeyIdentity.Of(dataset, item);
            return new PreparedRow { Index = index, KeyOfRow = keyOfRow, Item = item };
        }

        /// <summary>
        /// Checks the key fields and replaces date-time keys by their UTC form in the item. Returns where the
        /// key as sent is read from (null for a dataset without key fields: its key is the hash).
        /// </summary>
        private RowKey? CheckKey(JsonElement row, Dictionary<string, AttributeValue> item, ref int bytes, out KeyValuePair<string, string>[] replacements)
        {
            replacements = [];
            if (!dataset.HasNaturalKey) return null;
            for (var k = 0; k < dataset.KeyFields.Count; k++)
            {
                var field = dataset.KeyFields[k];
                var maxBytes = k == 0 ? DynamoDbLimits.MaxPartitionKeyBytes : DynamoDbLimits.MaxSortKeyBytes;
                if (!item.TryGetValue(field.Name, out var stored))
                {
                    // Absent, or refused by the conversion, which said why.
                    if (!RowFields.TryGet(row, field.Name, out _)) _errors.Add($"{field.Name}: required");
                    continue;
                }
                if (stored.S is null && stored.N is null)
                {
                    _errors.Add($"{field.Name}: a key must be a string or a number");
                    continue;
                }
                if (stored.S is not { } text) continue;
                var length = Encoding.UTF8.GetByteCount(text);
                if (length == 0) _errors.Add($"{field.Name}: must not be empty (it is a key)");
                if (length > maxBytes) _errors.Add($"{field.Name}: longer than {maxBytes:N0} bytes (DynamoDB's limit for this key)");
                if (!field.IsDateTime || !Rfc3339DateTime.TryParse(text, out var instant)) continue;
                if (instant.ToUtcString() is not { } utc)
                {
                    _errors.Add($"{field.Name}: the instant in UTC falls outside the years 0000 to 9999");
                    continue;
                }
                if (utc == text) continue;
                item[field.Name] = new AttributeValue { S = utc };
                bytes += utc.Length - length;
                replacements = [.. replacements, new(field.Name, utc)];
            }
            return RowKey.OfFields(dataset, row);
        }

        /// <summary>
        /// The hash of the row as stored (date-time keys in UTC), so anyone can recompute it from the item,
        /// and a resend of the same instant in another offset is the same row.
        /// </summary>
        private string Hash(JsonElement row, KeyValuePair<string, string>[] replacements)
        {
            _canonical.ResetWrittenCount();
            CanonicalJson.Write(row, _canonical, replacements, _fieldOrder);
            return CanonicalJson.Hash(_canonical.WrittenSpan, _sha256);
        }

        public void Dispose() => _sha256.Dispose();

        private string[] Errors()
        {
            var distinct = _errors.Distinct().ToList();
            if (distinct.Count <= MaxErrorsPerRow) return [.. distinct];
            return [.. distinct.Take(MaxErrorsPerRow), $"row: {distinct.Count - MaxErrorsPerRow} more errors"];
        }

        private static int SystemAttributesBytes(Dataset dataset, string requestId, string ingestedAt)
        {
            const int hexSha256 = 64;
            var bytes = SystemAttributes.Hash.Length + hexSha256
                + SystemAttributes.IngestedAt.Length + ingestedAt.Length
                + SystemAttributes.RequestId.Length + Encoding.UTF8.GetByteCount(requestId);
            return dataset.HasNaturalKey ? bytes : bytes + SystemAttributes.Id.Length + hexSha256;
        }
    }
}
