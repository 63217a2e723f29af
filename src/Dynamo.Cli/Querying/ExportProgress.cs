using System.Globalization;
using System.Runtime.CompilerServices;

namespace Dynamo.Cli.Querying;

/// <summary>"N rows so far" on stderr about once a second while rows arrive, for exports long enough to wonder about.</summary>
internal sealed class ExportProgress(TextWriter error, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<T> Track<T>(IAsyncEnumerable<T> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long count = 0;
        var last = time.GetTimestamp();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            count++;
            if (time.GetElapsedTime(last) >= Interval)
            {
                last = time.GetTimestamp();
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dynamo: {count:N0} rows so far"));
            }
            yield return row;
        }
    }
}
