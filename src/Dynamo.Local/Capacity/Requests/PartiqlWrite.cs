using System.Buffers;
using System.Text.Json;
using Dynamo.Core.Querying;

namespace Dynamo.Local.Capacity.Requests;

/// <summary>What a PartiQL statement does to a table, as far as metering needs it.</summary>
internal enum PartiqlAction
{
    /// <summary>SELECT: a read, never metered.</summary>
    Read,
    /// <summary>INSERT INTO t VALUE {...}: a put of a new item (a duplicate key fails like a condition).</summary>
    Insert,
    /// <summary>UPDATE t SET ... WHERE key: an update of an existing item (a missing one fails like a condition).</summary>
    Update,
    /// <summary>DELETE FROM t WHERE key.</summary>
    Delete,
    /// <summary>EXISTS(SELECT ... WHERE key AND condition): a transaction's condition check.</summary>
    Exists,
}

/// <summary>
/// A PartiQL write read the way DynamoDB's PartiQL reads it (developer guide, "PartiQL insert/update/delete
/// statements"): its table, the item an INSERT puts (its VALUE tuple, with the ? parameters in place), the top-level
/// `name = value` equalities of its WHERE clause (where the key is), and for an UPDATE the size of the values it sets.
/// Values are turned into DynamoDB's wire JSON so that the same checks and sizes apply as to PutItem and UpdateItem.
/// </summary>
internal sealed class PartiqlWrite : IDisposable
{
    private readonly JsonDocument? _item;
    private readonly JsonDocument _where;

    private PartiqlWrite(PartiqlAction action, string table, JsonDocument? item, JsonDocument where, int setBytes)
    {
        Action = action;
        Table = table;
        _item = item;
        _where = where;
        SetBytes = setBytes;
    }

    public PartiqlAction Action { get; }
    public string Table { get; }
    /// <summary>The item an INSERT puts; undefined for the other actions.</summary>
    public JsonElement Item => _item?.RootElement ?? default;
    /// <summary>The WHERE clause's top-level equalities as an item ({"pk": {"S": "a"}, ...}); empty for an INSERT.</summary>
    public JsonElement Where => _where.RootElement;
    /// <summary>For an UPDATE: the names it sets and the sizes of the values it writes (an estimate, as for UpdateItem).</summary>
    public int SetBytes { get; }

    /// <summary>True for a SELECT (nothing to meter); false for every other statement, which <see cref="Read"/> reads.</summary>
    public static bool IsRead(string statement)
    {
        try
        {
            var tokens = PartiqlTokenizer.Tokenize(statement);
            return tokens.Count > 0 && tokens[0].IsWord("SELECT");
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The write a statement makes, with its parameters; null when it is not one DynamoDB could run.</summary>
    public static PartiqlWrite? Read(string statement, JsonElement parameters)
    {
        try
        {
            return new Parser(PartiqlTokenizer.Tokenize(statement), parameters).Statement();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _item?.Dispose();
        _where.Dispose();
    }

    /// <summary>A recursive-descent reader over the tokens; any statement it cannot read throws FormatException.</summary>
    private sealed class Parser(IReadOnlyList<PartiqlToken> tokens, JsonElement parameters)
    {
        private int _at;
        private int _parameter;

        public PartiqlWrite Statement()
        {
            var first = Next();
            if (first.IsWord("INSERT"))
            {
                Expect("INTO");
                var table = Name();
                Expect("VALUE");
                if (!Peek().IsSymbol("{")) throw Unreadable();
                var item = Json(json => Tuple(json));
                End();
                return new PartiqlWrite(PartiqlAction.Insert, table, item, Json(json => { json.WriteStartObject(); json.WriteEndObject(); }), 0);
            }
            if (first.IsWord("UPDATE"))
            {
                var table = Name();
                var setBytes = 0;
                while (Peek().IsWord("SET") || Peek().IsWord("REMOVE"))
                {
                    var set = Next().IsWord("SET");
                    do
                    {
                        setBytes += System.Text.Encoding.UTF8.GetByteCount(Name());
                        SkipPath();
                        if (set)
                        {
                            if (!Next().IsSymbol("=")) throw Unreadable();
                            setBytes += ExpressionBytes();
                        }
                    }
                    while (TakeSymbol(","));
                }
                return Conditioned(PartiqlAction.Update, table, setBytes);
            }
            if (first.IsWord("DELETE"))
            {
                Expect("FROM");
                return Conditioned(PartiqlAction.Delete, Name(), 0);
            }
            if (first.IsWord("EXISTS"))
            {
                if (!TakeSymbol("(")) throw Unreadable();
                Expect("SELECT");
                while (!Peek().IsWord("FROM")) Next();
                Next();
                var table = Name();
                Expect("WHERE");
                var where = Json(Equalities);
                if (!TakeSymbol(")")) throw Unreadable();
                End();
                return new PartiqlWrite(PartiqlAction.Exists, table, null, where, 0);
            }
            throw Unreadable();
        }

        /// <summary>WHERE ... [RETURNING ...] of an UPDATE or DELETE.</summary>
        private PartiqlWrite Conditioned(PartiqlAction action, string table, int setBytes)
        {
            Expect("WHERE");
            var where = Json(Equalities);
            if (Peek().IsWord("RETURNING"))
            {
                while (_at < tokens.Count && !tokens[_at].IsSymbol(";")) Next();
            }
            End();
            return new PartiqlWrite(action, table, null, where, setBytes);
        }

        /// <summary>The top-level `name = value` conditions joined by AND, as an item; anything else is a condition, skipped.</summary>
        private void Equalities(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var depth = 0;
            var conditionStart = true;
            while (_at < tokens.Count && !(depth == 0 && (Peek().IsWord("RETURNING") || Peek().IsSymbol(")") || Peek().IsSymbol(";"))))
            {
                if (depth == 0 && conditionStart && Peek().IsName && At(1).IsSymbol("=") && IsValueStart(At(2)))
                {
                    var name = Next().Text;
                    Next();
                    var value = Json(Value);
                    // `a = 1 + x` or `a = b` is a condition, not a key: only a value ending the condition counts.
                    if (_at >= tokens.Count || Peek().IsWord("AND") || Peek().IsWord("RETURNING") || Peek().IsSymbol(")") || Peek().IsSymbol(";"))
                    {
                        if (seen.Add(name))
                        {
                            json.WritePropertyName(name);
                            value.RootElement.WriteTo(json);
                        }
                    }
                    value.Dispose();
                    conditionStart = false;
                    continue;
                }
                var token = Next();
                if (token.IsSymbol("(")) depth++;
                else if (token.IsSymbol(")")) depth--;
                else if (token.Kind == PartiqlTokenKind.Parameter) _parameter++;
                else if (depth == 0 && token.IsWord("OR")) throw Unreadable();   // no key can be read from a disjunction
                conditionStart = depth == 0 && token.IsWord("AND");
            }
            json.WriteEndObject();
        }

        /// <summary>A SET value expression (a literal, a path, arithmetic, a function): the sizes of the values in it.</summary>
        private int ExpressionBytes()
        {
            var bytes = 0;
            var depth = 0;
            while (_at < tokens.Count)
            {
                var token = Peek();
                if (depth == 0 && (token.IsSymbol(",") || token.IsWord("SET") || token.IsWord("REMOVE") || token.IsWord("WHERE"))) break;
                if (IsValueStart(token))
                {
                    using var value = Json(Value);
                    bytes += ItemSize.Value(value.RootElement);
                    continue;
                }
                Next();
                if (token.IsSymbol("(")) depth++;
                else if (token.IsSymbol(")")) depth--;
            }
            return bytes;
        }

        private static bool IsValueStart(PartiqlToken token) =>
            token.Kind is PartiqlTokenKind.Text or PartiqlTokenKind.Number or PartiqlTokenKind.Parameter
            || token.IsSymbol("{") || token.IsSymbol("[") || token.IsSymbol("<<") || token.IsSymbol("-")
            || token.IsWord("TRUE") || token.IsWord("FALSE") || token.IsWord("NULL");

        /// <summary>One value as an attribute value in wire JSON.</summary>
        private void Value(Utf8JsonWriter json)
        {
            var token = Next();
            switch (token.Kind)
            {
                case PartiqlTokenKind.Text:
                    json.WriteStartObject();
                    json.WriteString("S", token.Text);
                    json.WriteEndObject();
                    return;
                case PartiqlTokenKind.Number:
                    json.WriteStartObject();
                    json.WriteString("N", token.Text);
                    json.WriteEndObject();
                    return;
                case PartiqlTokenKind.Parameter:
                    Parameter().WriteTo(json);
                    return;
            }
            if (token.IsSymbol("-") && Peek().Kind == PartiqlTokenKind.Number)
            {
                json.WriteStartObject();
                json.WriteString("N", "-" + Next().Text);
                json.WriteEndObject();
            }
            else if (token.IsWord("TRUE") || token.IsWord("FALSE"))
            {
                json.WriteStartObject();
                json.WriteBoolean("BOOL", token.IsWord("TRUE"));
                json.WriteEndObject();
            }
            else if (token.IsWord("NULL"))
            {
                json.WriteStartObject();
                json.WriteBoolean("NULL", true);
                json.WriteEndObject();
            }
            else if (token.IsSymbol("{"))
            {
                _at--;
                json.WriteStartObject();
                json.WritePropertyName("M");
                Tuple(json);
                json.WriteEndObject();
            }
            else if (token.IsSymbol("["))
            {
                json.WriteStartObject();
                json.WriteStartArray("L");
                if (!TakeSymbol("]"))
                {
                    do Value(json); while (TakeSymbol(","));
                    if (!TakeSymbol("]")) throw Unreadable();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            else if (token.IsSymbol("<<"))
            {
                Set(json);
            }
            else
            {
                throw Unreadable();
            }
        }

        /// <summary>{'name': value, ...}: the attributes of an item or map (names must be single-quoted strings).</summary>
        private void Tuple(Utf8JsonWriter json)
        {
            if (!TakeSymbol("{")) throw Unreadable();
            json.WriteStartObject();
            if (!TakeSymbol("}"))
            {
                do
                {
                    var name = Next();
                    if (name.Kind != PartiqlTokenKind.Text || !TakeSymbol(":")) throw Unreadable();
                    json.WritePropertyName(name.Text);
                    Value(json);
                }
                while (TakeSymbol(","));
                if (!TakeSymbol("}")) throw Unreadable();
            }
            json.WriteEndObject();
        }

        /// <summary>&lt;&lt;v, ...&gt;&gt;: a string, number or binary set, by the type of its members.</summary>
        private void Set(Utf8JsonWriter json)
        {
            var members = new List<(string Type, JsonElement Value)>();
            var documents = new List<JsonDocument>();
            try
            {
                do
                {
                    var member = Json(Value);
                    documents.Add(member);
                    members.Add(WireValue.Typed(member.RootElement) ?? throw Unreadable());
                }
                while (TakeSymbol(","));
                if (!TakeSymbol(">>") || members.Select(m => m.Type).Distinct().Count() != 1 || members[0].Type is not ("S" or "N" or "B"))
                    throw Unreadable();
                json.WriteStartObject();
                json.WriteStartArray(members[0].Type + "S");
                foreach (var (_, value) in members) value.WriteTo(json);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            finally
            {
                foreach (var document in documents) document.Dispose();
            }
        }

        private JsonElement Parameter()
        {
            if (parameters.ValueKind != JsonValueKind.Array || _parameter >= parameters.GetArrayLength()) throw Unreadable();
            return parameters[_parameter++];
        }

        private static JsonDocument Json(Action<Utf8JsonWriter> write)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer)) write(json);
            return JsonDocument.Parse(buffer.WrittenMemory);
        }

        /// <summary>A table name: a bare word or a double-quoted name.</summary>
        private string Name()
        {
            var token = Next();
            return token.IsName ? token.Text : throw Unreadable();
        }

        /// <summary>The rest of a path after its first name (a.b, a[0]): what it names is sized by its first name only.</summary>
        private void SkipPath()
        {
            while (true)
            {
                if (TakeSymbol(".")) Name();
                else if (TakeSymbol("[")) { Next(); if (!TakeSymbol("]")) throw Unreadable(); }
                else return;
            }
        }

        private void Expect(string keyword)
        {
            if (!Next().IsWord(keyword)) throw Unreadable();
        }

        private void End()
        {
            TakeSymbol(";");
            if (_at != tokens.Count) throw Unreadable();
        }

        private bool TakeSymbol(string symbol)
        {
            if (!Peek().IsSymbol(symbol)) return false;
            _at++;
            return true;
        }

        private PartiqlToken Peek() => At(0);

        // Past the end: a token that is no word, name or value.
        private PartiqlToken At(int ahead) => _at + ahead < tokens.Count ? tokens[_at + ahead] : new PartiqlToken(PartiqlTokenKind.Symbol, "", -1);

        private PartiqlToken Next() => _at < tokens.Count ? tokens[_at++] : throw Unreadable();

        private static FormatException Unreadable() => new("Not a PartiQL statement the emulation can read.");
    }
}
