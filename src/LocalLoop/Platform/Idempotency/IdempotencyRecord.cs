namespace LocalLoop.Platform.Idempotency;

/// <summary>The first response to a POST carrying an Idempotency-Key, replayed for repeats of the same request.</summary>
public sealed class IdempotencyRecord
{
    /// <summary>The caller and the key together: two callers may use the same key.</summary>
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int StatusCode { get; set; }
    public string ResponseBody { get; set; } = "";
    public string ContentType { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
