using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Core.Rows;

/// <summary>
/// Turns a request body into what the writer needs: parses it, validates every row against its dataset
/// (schema, key, DynamoDB's limits), converts the valid ones into items with their system attributes,
/// and marks in-request duplicates (the last valid row of a key wins; an invalid row never displaces one). In a
/// versioned dataset the highest version of a key wins: a lower one is stale, an equal earlier one duplicate.
/// </summary>
public static class RowPreparer
{
    /// <summary>A row with more errors than this reports the first ones and how many more there were.</summary>
    private const int MaxErrorsPerRow = 10;

    public static PreparedRequest Prepare(Dataset dataset, ReadOnlyMemory<byte> body, string requestId, DateTimeOffset ingestedAt)
    {
        var parsed = RequestBody.Parse(body, out var error);
        if (parsed is null) return new PreparedRequest(error!);

        // 5,000 typical rows take about two such chunks: their JSON plus DynamoDB's type wrappers and system attributes.
        var items = new ItemArena(1 << 20);
        using var context = new RowContext(dataset, requestId, ingestedAt, items);
        var rows = new PreparedRow[parsed.Rows.Count];
        // One past the index of the last valid row of each key so far (0: none).
        var lastOfKey = new Dictionary<(ItemKey.Part, ItemKey.Part?), int>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = context.Prepare(i, parsed.Rows[i]);
            if (rows[i].Item is not { } item) continue;
            ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(lastOfKey, item.KeyValues, out _);
            if (last > 0)
            {
                var earlier = rows[last - 1];
                var order = item.Version is { } version ? version.CompareTo(earlier.Item!.Version!) : 0;
                if (order < 0)
                {
                    rows[i] = rows[i] with { Status = RowStatus.Stale, Item = null };
                    continue;
                }
                rows[last - 1] = earlier with { Status = order > 0 ? RowStatus.Stale : RowStatus.Duplicate, Item = null };
            }
            last = i + 1;
        }
        return new PreparedRequest(parsed, rows, items);
    }

    /// <summary>The formatting every date-time written by Dynamo shares: UTC, "Z", no redundant fraction digits.</summary>
    public static string FormatUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z";

    /// <summary>What stays the same for every row of one request, and buffers reused from row to row.</summary>
    private sealed class RowContext(Dataset dataset, string requestId, DateTimeOffset ingestedAt, ItemArena items) : IDisposable
    {
        private readonly RowHasher _hasher = RowHasher.Create();
        private readonly SystemAttributesJson _system = new(dataset, requestId, ingestedAt);
        private readonly ArrayBufferWriter<byte> _canonical = new(4096);
        private readonly ItemArena _items = items;
        private readonly FieldOrderCache _fieldOrder = new();
        private readonly List<string> _errors = [];
        private readonly RowFieldList _fields = new(dataset.Validator);
        private readonly ItemConverter _converter = new(RowFieldList.MaxNamesOf(dataset.Validator));
        // Each key field's declaration in the schema (a key field is always declared), which is its name's id.
        private readonly int[] _keyIds = [.. dataset.KeyFields.Select(f => Array.FindIndex(dataset.Validator.Properties, p => p.Name == f.Name))];
        private readonly int _versionId = dataset.Version is { } v ? Array.FindIndex(dataset.Validator.Properties, p => p.Name == v.Name) : -1;

        public PreparedRow Prepare(int index, JsonElement row)
        {
            _errors.Clear();
            _fields.Read(row);
            dataset.Validator.ValidateRow(row, _fields, _errors);
            var keyOfRow = CheckKey(row, out var replacements, out var partition, out var sort);
            var version = CheckVersion(ref replacements);
            var versionText = version?.ToString();
            _items.Write("{"u8);
            var fields = _converter.WriteFields(_fields, replacements, _items, _errors, out var bytes);
            // Never written without its version: the schema's own errors say why one is missing, this is the net.
            if (dataset.Version is { } versionField && version is null && _errors.Count == 0)
                _errors.Add($"{versionField.Name}: the row's version could not be read");
            string? hashText = null;
            if (_errors.Count == 0)
            {
                Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
                Hash(replacements, hash);
                _system.Write(_items, hash, afterFields: fields > 0, versionText);
                if (version is { } number)
                {
                    bytes += SystemAttributesJson.VersionBytes(number);
                    // In full: settling a failed condition compares it with an older item's full _hash or a newer one's _h.
                    hashText = Convert.ToHexStringLower(hash);
                }
                if (!dataset.HasNaturalKey)
                {
                    var id = Convert.ToHexStringLower(hash);
                    keyOfRow = RowKey.OfId(dataset, id);
                    partition = ItemKey.Part.OfString(id);
                }
                bytes += _system.Bytes;
                if (bytes > DynamoDbLimits.MaxItemBytes)
                    _errors.Add($"row: the item would be {bytes:N0} bytes, over DynamoDB's limit of 400 KB ({DynamoDbLimits.MaxItemBytes:N0} bytes)");
            }
            if (_errors.Count > 0)
            {
                _items.Drop();
                return new PreparedRow { Index = index, KeyOfRow = keyOfRow, Status = RowStatus.Invalid, Errors = Errors() };
            }
            _items.Write("}"u8);
            var item = new WireItem(_items.Keep(), partition!.Value, sort, versionText is null ? null : new ItemVersion(versionText, hashText!));
            return new PreparedRow { Index = index, KeyOfRow = keyOfRow, Item = item };
        }

        /// <summary>
        /// Checks the key fields and finds the date-time keys to store in UTC. Returns where the key as sent is
        /// read from (null for a dataset without key fields: its key is the hash), and the key as stored.
        /// </summary>
        private RowKey? CheckKey(
            JsonElement row, out KeyValuePair<string, string>[] replacements, out ItemKey.Part? partition, out ItemKey.Part? sort)
        {
            replacements = [];
            partition = sort = null;
            if (!dataset.HasNaturalKey) return null;
            for (var k = 0; k < dataset.KeyFields.Count; k++)
            {
                var field = dataset.KeyFields[k];
                if (!TryGetLast(_keyIds[k], out var value))
                {
                    _errors.Add($"{field.Name}: required");
                    continue;
                }
                ItemKey.Part? part;
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        part = StringKey(field, value, k == 0 ? DynamoDbLimits.MaxPartitionKeyBytes : DynamoDbLimits.MaxSortKeyBytes, ref replacements);
                        break;
                    case JsonValueKind.Number:
                        part = NumberKey(value);
                        break;
                    default:
                        _errors.Add($"{field.Name}: a key must be a string or a number");
                        continue;
                }
                if (k == 0) partition = part;
                else sort = part;
            }
            return RowKey.OfFields(dataset, row);
        }

        /// <summary>
        /// A versioned dataset's version as the number its condition compares; date-times are also normalised to
        /// UTC in the stored item, as key date-times are. Null for other datasets, and when the row is invalid
        /// (the schema requires the field and checks its type and format; this adds DynamoDB's number limits).
        /// </summary>
        private DecimalNumber? CheckVersion(ref KeyValuePair<string, string>[] replacements)
        {
            if (dataset.Version is not { } field || !TryGetLast(_versionId, out var value)) return null;
            ReadOnlySpan<byte> text;
            if (field.IsDateTime)
            {
                if (value.ValueKind != JsonValueKind.String || !JsonStringBytes.TryGetString(value, out var sent)
                    || !Rfc3339DateTime.TryParse(sent, out var instant) || instant.ToUtcString() is not { } utc)
                    return null;
                if (instant.FractionDigits > MaxVersionFractionDigits)
                {
                    _errors.Add($"{field.Name}: a version has at most {MaxVersionFractionDigits} fraction digits (it is stored as a number of seconds, which DynamoDB holds to {DynamoDbLimits.MaxSignificantDigits} digits)");
                    return null;
                }
                if (utc != sent) replacements = [.. replacements, new(field.Name, utc)];
                text = Encoding.ASCII.GetBytes(instant.ToUnixSeconds());
            }
            else
            {
                if (value.ValueKind != JsonValueKind.Number) return null;
                text = JsonMarshal.GetRawUtf8Value(value);
            }
            // The converter reports a number DynamoDB cannot hold; the version is then not written either.
            return DecimalNumber.TryParse(text, out var number) && DynamoDbLimits.NumberProblem(number) is null ? number : null;
        }

        /// <summary>Unix seconds of the years 0000..9999 take 12 digits; the rest of DynamoDB's 38 is the fraction's.</summary>
        private const int MaxVersionFractionDigits = DynamoDbLimits.MaxSignificantDigits - 12;

        /// <summary>As <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>: the last field of that name.</summary>
        private bool TryGetLast(int nameId, out JsonElement value)
        {
            for (var i = _fields.Count - 1; i >= 0; i--)
            {
                if (_fields.NameIds[i] != nameId) continue;
                value = _fields.Fields[i].Value;
                return true;
            }
            value = default;
            return false;
        }

        /// <returns>Null when the conversion refuses the text (and says why).</returns>
        private ItemKey.Part? StringKey(KeyField field, JsonElement value, int maxBytes, ref KeyValuePair<string, string>[] replacements)
        {
            if (!JsonStringBytes.TryGetString(value, out var text)) return null;
            var stored = text;
            if (field.IsDateTime && Rfc3339DateTime.TryParse(text, out var instant))
            {
                if (instant.ToUtcString() is not { } utc)
                {
                    _errors.Add($"{field.Name}: the instant in UTC falls outside the years 0000 to 9999");
                    return null;
                }
                if (utc != text) replacements = [.. replacements, new(field.Name, utc)];
                stored = utc;
            }
            // DynamoDB's key limits apply to the key it stores: a date-time spelled with 1,100 fraction digits
            // is stored as its 20 bytes in UTC.
            var length = Encoding.UTF8.GetByteCount(stored);
            if (length == 0) _errors.Add($"{field.Name}: must not be empty (it is a key)");
            if (length > maxBytes) _errors.Add($"{field.Name}: longer than {maxBytes:N0} bytes (DynamoDB's limit for this key)");
            return ItemKey.Part.OfString(stored);
        }

        /// <returns>The number as stored; null when DynamoDB cannot hold it (the conversion says why).</returns>
        private static ItemKey.Part? NumberKey(JsonElement value)
        {
            var raw = JsonMarshal.GetRawUtf8Value(value);
            if (DecimalNumber.IsShortCanonical(raw, out _)) return ItemKey.Part.OfNumber(Encoding.ASCII.GetString(raw));
            return DecimalNumber.TryParse(raw, out var number) && DynamoDbLimits.NumberProblem(number) is null
                ? ItemKey.Part.OfNumber(number.ToString())
                : null;
        }

        /// <summary>
        /// The hash of the row as stored (date-time keys in UTC), so anyone can recompute it from the item,
        /// and a resend of the same instant in another offset is the same row.
        /// </summary>
        private void Hash(KeyValuePair<string, string>[] replacements, Span<byte> sha256)
        {
            _canonical.ResetWrittenCount();
            CanonicalJson.WriteRow(_fields, _canonical, replacements, _fieldOrder);
            _hasher.Hash(_canonical.WrittenSpan, sha256);
        }

        public void Dispose() => _hasher.Dispose();

        private string[] Errors()
        {
            var distinct = _errors.Distinct().ToList();
            if (distinct.Count <= MaxErrorsPerRow) return [.. distinct];
            return [.. distinct.Take(MaxErrorsPerRow), $"row: {distinct.Count - MaxErrorsPerRow} more errors"];
        }
    }
}
