namespace Dynamo.Local.Template;

/// <summary>
/// template.yaml cannot be read, or cannot run locally, or a parameter given to it is wrong. The message is
/// one sentence for the user, naming the place in the template and what to do.
/// </summary>
public sealed class TemplateException : Exception
{
    public TemplateException() { }

    public TemplateException(string message) : base(message) { }

    public TemplateException(string message, Exception innerException) : base(message, innerException) { }
}
