namespace Dynamo.Local.Monitoring;

/// <summary>What the local console serves and where: its loopback port, the monitor it shows, the DynamoDB its PartiQL box reads, the folder of load reports, the browser libraries.</summary>
public sealed record ConsoleServerOptions
{
    /// <summary>The console's own port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }
    public required StackMonitor Monitor { get; init; }
    /// <summary>The stack's DynamoDB endpoint (the write-capacity emulation), as `dynamo query` reads it.</summary>
    public required Uri DynamoDb { get; init; }
    /// <summary>The API's base URL with its stage, shown in the page's header.</summary>
    public required Uri Api { get; init; }
    /// <summary>Where the `dynamo load` reports are looked for (every report.html with its report.json beneath).</summary>
    public required string ReportsDirectory { get; init; }
    /// <summary>The folder holding uPlot's dist files (browser/node_modules/uplot/dist, installed by scripts/dynamo).</summary>
    public required string ChartLibraryDirectory { get; init; }
}
