using System.Text;

namespace Dynamo.Cli.Commands;

/// <summary>
/// Lines written through it start with a prefix (<c>[DefaultApiKey] </c>), so that the progress of several clients
/// of one <c>dynamo load</c> stays readable on one console. Whole lines only: what the load runs write.
/// </summary>
internal sealed class PrefixedWriter(TextWriter inner, string prefix) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void WriteLine(string? value) => inner.WriteLine(prefix + value);

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(prefix + value);
}
