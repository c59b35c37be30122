namespace LocalLoop.Platform;

/// <summary>
/// A rule of the domain refused the request. <see cref="Code"/> is stable for API clients; the message is
/// readable by a person. The web layer turns it into problem details with <see cref="Status"/>.
/// </summary>
public class DomainException(string code, string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;

    public static DomainException NotFound(string what) => new("not_found", $"{what} was not found.", StatusCodes.Status404NotFound);

    public static DomainException Conflict(string code, string message) => new(code, message, StatusCodes.Status409Conflict);
}
