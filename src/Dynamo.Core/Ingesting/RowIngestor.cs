using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Dynamo.Core.Writing;

namespace Dynamo.Core.Ingesting;

/// <summary>
/// One ingest request from body to answer: find the dataset, prepare its rows, write the valid ones within
/// the budget, and give every row its status.
/// </summary>
public sealed class RowIngestor(DatasetCatalog catalog, BatchWriter writer)
{
    private static readonly WriteStatistics NothingWritten = new(0, 0, 0, 0, StoppedForDeadline: false);

    public async Task<IngestOutcome> IngestAsync(IngestCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!catalog.TryGet(call.Dataset, out var dataset))
        {
            return IngestOutcome.Refused(404,
                $"Unknown dataset '{call.Dataset}'; the datasets are: {string.Join(", ", catalog.All.Select(d => d.Name))}.",
                ErrorTypes.NotFound);
        }

        using var prepared = RowPreparer.Prepare(dataset, call.Body, call.RequestId, call.IngestedAt);
        if (prepared.Error is { } error)
        {
            var tooLarge = error.Kind is RequestErrorKind.TooManyRows or RequestErrorKind.BodyTooLarge;
            return IngestOutcome.Refused(tooLarge ? 413 : 400, error.Message, tooLarge ? ErrorTypes.PayloadTooLarge : ErrorTypes.Validation);
        }

        var pending = prepared.ItemsToWrite.Select(r => new PendingWrite(r.Index, r.Item)).ToList();
        var written = pending.Count == 0
            ? new BatchWriteResult([], NothingWritten)
            : await writer.WriteAsync(Target(dataset), pending, call.Budget, cancellationToken);

        var results = new RowResult[prepared.Rows.Count];
        foreach (var row in prepared.Rows)
        {
            if (row.Status is { } status)
                results[row.Index] = new RowResult { Index = row.Index, Key = KeyFor(row, status, call), Status = status, Errors = row.Errors };
        }
        foreach (var row in written.Rows)
            results[row.Index] = row.ToRowResult(KeyFor(prepared.Rows[row.Index], row.Status, call));

        return IngestOutcome.Answered(IngestReply.From(call.RequestId, dataset.Name, results, call.ListAllRows), written.Statistics);
    }

    private static WriteTarget Target(Dataset dataset) =>
        new(dataset.Table, dataset.PartitionKey.Name, dataset.SortKey?.Name, Versioned: dataset.Version is not null);

    // Keys point into the request's JSON document, which is disposed with the prepared request: the rows
    // the answer lists keep a copy, the others (stored rows, unless all are listed) need none. The status is
    // asked first: reading a stored row's key built its dictionary, 5 % of a 5,000-row request's instructions.
    private static Dictionary<string, System.Text.Json.JsonElement>? KeyFor(PreparedRow row, RowStatus status, IngestCall call) =>
        (status == RowStatus.Stored && !call.ListAllRows) || row.Key is not { } key
            ? null
            : key.ToDictionary(f => f.Key, f => f.Value.Clone(), StringComparer.Ordinal);
}

/// <summary>One ingest request as the core sees it: no HTTP, no Lambda.</summary>
/// <param name="ListAllRows"><c>?rows=all</c>: list stored rows in the answer too.</param>
public sealed record IngestCall(
    string Dataset,
    ReadOnlyMemory<byte> Body,
    string RequestId,
    DateTimeOffset IngestedAt,
    WriteBudget Budget,
    bool ListAllRows = false);
