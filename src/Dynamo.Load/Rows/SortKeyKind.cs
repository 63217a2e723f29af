namespace Dynamo.Load.Rows;

/// <summary>How a run makes unique sort key values from the row's sequence number.</summary>
internal enum SortKeyKind
{
    /// <summary>The dataset has no sort key: the partition key alone is unique per row.</summary>
    None,
    /// <summary>A date-time: the run's start plus one millisecond per row, in the UTC form the store keeps.</summary>
    DateTime,
    /// <summary>A string: the sequence number, zero-padded so string order is row order.</summary>
    Text,
    /// <summary>A number: the sequence number.</summary>
    Number,
}
