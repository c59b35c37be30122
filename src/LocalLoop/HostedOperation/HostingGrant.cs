using LocalLoop.Merchants;

namespace LocalLoop.HostedOperation;

/// <summary>
/// Hosted operation (代运营): the owner lets a platform agent run the shop, optionally until a date. Revoking sets
/// <see cref="RevokedAt"/>; an acting agent's requests are checked against this row on every request.
/// </summary>
public sealed class HostingGrant : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid AgentUserId { get; set; }
    public Guid GrantedByUserId { get; set; }
    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>The grant ends by itself at this instant; null: until revoked.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public Guid? RevokedByUserId { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>One state-changing request an acting agent made for a merchant, whatever its outcome.</summary>
public sealed class HostingAuditEntry : IMerchantOwned
{
    public Guid Id { get; set; }
    public Guid MerchantId { get; set; }
    public Guid AgentUserId { get; set; }
    public Guid GrantId { get; set; }
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public int StatusCode { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>What the request did, readable by the owner: the endpoint or page handler and the created resource.</summary>
    public string Summary { get; set; } = "";
}
