namespace Amazon.Lambda.Core;

/// <summary>Turns the invocation's event into the handler's input type and its result back into JSON.</summary>
public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);

    void Serialize<T>(T response, Stream responseStream);
}
