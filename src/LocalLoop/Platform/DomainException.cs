namespace LocalLoop.Platform;

/// <summary>
/// A rule of the domain refused the request. <see cref="Code"/> is stable for API clients; the message is
/// readable by a person, in English (<see cref="Exception.Message"/>) and in Chinese (<see cref="Chinese"/>):
/// both are required, so no refusal reaches a Chinese user in English only. The web layer turns it into
/// problem details with <see cref="Status"/>; pages pick the language with <see cref="MessageIn"/>.
/// </summary>
public class DomainException(string code, string message, string chinese, int status = StatusCodes.Status400BadRequest) : Exception(message)
{
    public string Code { get; } = code;
    public int Status { get; } = status;

    /// <summary>The message in Simplified Chinese: concise, and saying what to fix.</summary>
    public string Chinese { get; } = chinese;

    public string MessageIn(bool chinese) => chinese ? Chinese : Message;

    /// <param name="what">The English noun ("Deal").</param>
    /// <param name="whatZh">The Chinese noun ("团购").</param>
    public static DomainException NotFound(string what, string whatZh) =>
        new("not_found", $"{what} was not found.", $"找不到该{whatZh}。", StatusCodes.Status404NotFound);

    public static DomainException Conflict(string code, string message, string chinese) => new(code, message, chinese, StatusCodes.Status409Conflict);
}
