namespace Dynamo.Cli.Commands;

/// <summary>The exit codes every verb shares (docs/sending.md, docs/querying.md, docs/load-testing.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The work did not complete (for `send`: rows left unstored).</summary>
    public const int Failure = 1;
    /// <summary>A usage error: a one-line message on stderr, nothing done.</summary>
    public const int Usage = 2;
    /// <summary>
    /// `send`: every valid row settled, some rows in the rejects file: invalid, or conflict (a versioned dataset holds
    /// their version with other content). Either way the user must act on them.
    /// </summary>
    public const int SomeRowsRejected = 3;
    /// <summary>Stopped by Ctrl-C or SIGTERM before the work completed: 128 + SIGINT, as shells report it.</summary>
    public const int Interrupted = 130;
}
