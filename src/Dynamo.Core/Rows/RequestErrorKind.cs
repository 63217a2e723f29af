namespace Dynamo.Core.Rows;

/// <summary>Why a whole request was refused before any row was looked at (HTTP 400 or 413).</summary>
public enum RequestErrorKind
{
    /// <summary>The body is not JSON (400).</summary>
    NotJson,
    /// <summary>Something follows the JSON value (400).</summary>
    TrailingData,
    /// <summary>The body is not an object with one "rows" array (400).</summary>
    NoRowsArray,
    /// <summary>An element of "rows" is not an object (400).</summary>
    RowNotObject,
    /// <summary>"rows" is empty (400).</summary>
    NoRows,
    /// <summary>More than 5,000 rows (413).</summary>
    TooManyRows,
    /// <summary>A body over 5 MB (413).</summary>
    BodyTooLarge,
}
