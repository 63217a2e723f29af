namespace Amazon.Lambda.Annotations.APIGateway;

/// <summary>The HTTP method of a REST API route; <see cref="Any"/> is API Gateway's ANY.</summary>
public enum LambdaHttpMethod
{
    Any,
    Get,
    Post,
    Put,
    Patch,
    Head,
    Delete,
    Options,
}
