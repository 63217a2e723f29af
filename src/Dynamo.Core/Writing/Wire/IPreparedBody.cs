namespace Dynamo.Core.Writing.Wire;

/// <summary>A request whose body is written from prepared items, which <see cref="WireBodyHandler"/> sends in place of the SDK's marshalled one.</summary>
internal interface IPreparedBody
{
    /// <summary>The one table the request writes to.</summary>
    string Table { get; }

    byte[] Body();
}
