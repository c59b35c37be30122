using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.SandboxGateway;

public sealed record GatewayFaultRequest(string? Kind, long? AmountFen, string? SubMerchantId, int? DelaySeconds, int? RemainingUses);

/// <summary>
/// The sandbox gateway's test console: switches that make payments fail, time out or notify late. Kept in the
/// database, so a switch set through one node applies on every node; a use is claimed by a conditional update.
/// </summary>
public sealed class GatewayFaults(AppDbContext db, TimeProvider clock)
{
    public const int MaxDelaySeconds = 86_400;
    public const int MaxUses = 1_000;

    public Task<List<GatewayFaultSwitch>> ListAsync() =>
        db.Set<GatewayFaultSwitch>().AsNoTracking().OrderBy(f => f.CreatedAt).ToListAsync();

    public async Task<GatewayFaultSwitch> AddAsync(GatewayFaultRequest request)
    {
        var errors = new Validation();
        var kindValid = Enum.TryParse<GatewayFaultKind>(request.Kind, ignoreCase: true, out var kind) && Enum.IsDefined(kind);
        errors.Check(nameof(request.Kind), kindValid, "Kind must be Fail, Timeout or NotifyLate.", "故障类型须为 Fail（支付失败）、Timeout（超时）或 NotifyLate（延迟通知）。");
        errors.Check(nameof(request.AmountFen), request.AmountFen is null or > 0, "The amount to match must be positive.", "匹配金额须大于 0。");
        errors.Check(nameof(request.SubMerchantId), request.SubMerchantId is null || request.SubMerchantId.Length <= 64,
            "The merchant id is at most 64 characters.", "商户号最多 64 个字符。");
        errors.Check(nameof(request.DelaySeconds), kind != GatewayFaultKind.NotifyLate || request.DelaySeconds is >= 1 and <= MaxDelaySeconds,
            $"A late notification needs a delay of 1 to {MaxDelaySeconds} seconds.", $"延迟通知须设置 1 到 {MaxDelaySeconds} 秒的延迟。");
        errors.Check(nameof(request.RemainingUses), request.RemainingUses is null or >= 1 and <= MaxUses,
            $"The number of payments must be 1 to {MaxUses}, or empty for all until removed.", $"生效笔数须在 1 到 {MaxUses} 之间，留空表示一直生效直到删除。");
        errors.ThrowIfAny();

        var fault = new GatewayFaultSwitch
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            AmountFen = request.AmountFen,
            SubMerchantId = string.IsNullOrWhiteSpace(request.SubMerchantId) ? null : request.SubMerchantId.Trim(),
            DelaySeconds = kind == GatewayFaultKind.NotifyLate ? request.DelaySeconds!.Value : 0,
            RemainingUses = request.RemainingUses,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Add(fault);
        await db.SaveChangesAsync();
        return fault;
    }

    public async Task RemoveAsync(Guid id)
    {
        if (await db.Set<GatewayFaultSwitch>().Where(f => f.Id == id).ExecuteDeleteAsync() == 0)
        {
            throw DomainException.NotFound("Fault switch", "故障开关");
        }
    }

    /// <summary>The oldest switch matching the trade that still has a use, claimed for this payment; null when none applies.</summary>
    public async Task<GatewayFaultSwitch?> ClaimForAsync(SandboxTrade trade)
    {
        var candidates = await db.Set<GatewayFaultSwitch>().AsNoTracking()
            .Where(f => (f.AmountFen == null || f.AmountFen == trade.AmountFen) && (f.SubMerchantId == null || f.SubMerchantId == trade.SubMerchantId)
                && (f.RemainingUses == null || f.RemainingUses > 0))
            .OrderBy(f => f.CreatedAt).ToListAsync();
        foreach (var fault in candidates)
        {
            if (fault.RemainingUses is null
                || await db.Set<GatewayFaultSwitch>().Where(f => f.Id == fault.Id && f.RemainingUses > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.RemainingUses, f => f.RemainingUses - 1)) == 1)
            {
                return fault;
            }
        }

        return null;
    }
}

public static class GatewayFaultEndpoints
{
    public static void MapGatewayFaultEndpoints(this IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/api/admin/sandbox-gateway/faults").WithTags("Sandbox gateway (test console)").RequireAuthorization(Policies.Admin);
        faults.MapGet("/", async (GatewayFaults console) => TypedResults.Ok(await console.ListAsync()));
        faults.MapPost("/", async (GatewayFaultRequest request, GatewayFaults console) =>
        {
            var fault = await console.AddAsync(request);
            return TypedResults.Created($"/api/admin/sandbox-gateway/faults/{fault.Id}", fault);
        });
        faults.MapDelete("/{id:guid}", async (Guid id, GatewayFaults console) =>
        {
            await console.RemoveAsync(id);
            return TypedResults.NoContent();
        });
    }
}
