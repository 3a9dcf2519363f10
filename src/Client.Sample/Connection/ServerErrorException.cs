namespace LiveCommerce.Client.Connection;

/// <summary>An HTTP refusal: the <c>code</c> and <c>detail</c> of the server's problem+json.</summary>
public sealed class ServerErrorException(string code, string message, int status) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;
}
