using System.Text.Json.Serialization;

namespace Dynamo.Local.Monitoring;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MonitorSnapshot))]
[JsonSerializable(typeof(LogsAnswer))]
[JsonSerializable(typeof(ConsoleQueryRequest))]
[JsonSerializable(typeof(ConsoleQueryAnswer))]
[JsonSerializable(typeof(ReportsAnswer))]
[JsonSerializable(typeof(ConsoleInfo))]
[JsonSerializable(typeof(ConsoleProblem))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;

/// <summary>The log lines that passed a filter, oldest first, and the last sequence number the page has seen.</summary>
public sealed record LogsAnswer(IReadOnlyList<LogEntry> Entries, long Last);

/// <summary>The reports folder and the reports found in it.</summary>
public sealed record ReportsAnswer(string Folder, IReadOnlyList<LoadReportListing> Reports);

/// <summary>The page's header: the stack's API and DynamoDB endpoints, its stage, and whether the chart library is installed.</summary>
public sealed record ConsoleInfo(string Api, string DynamoDb, string Stage, bool Charts);

/// <summary>Why the console refused a request: one sentence for the page.</summary>
public sealed record ConsoleProblem(string Message);
