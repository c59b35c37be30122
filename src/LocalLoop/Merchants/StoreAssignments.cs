using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

/// <summary>A store a clerk is assigned to: where they may verify, look up, batch and reverse.</summary>
public sealed class StaffStore : IMerchantOwned
{
    public Guid UserId { get; set; }
    public Guid StoreId { get; set; }
    public Guid MerchantId { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
}

/// <param name="StoreIds">The stores the clerk may work at; empty: every store of the merchant.</param>
public sealed record StoreAssignmentRequest(List<Guid>? StoreIds);

/// <param name="AllStores">True when the clerk has no assignment and so works at every store.</param>
public sealed record StoreAssignmentView(Guid UserId, string DisplayName, bool AllStores, List<Guid> StoreIds);

/// <summary>
/// Per-store permissions: the owner assigns each clerk to one or more stores. By decision (0012), a clerk without
/// any assignment works at every store of the merchant — existing clerks keep working after the upgrade, and a
/// one-store merchant never has to assign anyone. The owner works everywhere and is never assigned.
/// </summary>
public sealed class StoreAssignments(AppDbContext db, TimeProvider clock)
{
    public const int MaxStores = 200;

    /// <summary>Replaces the clerk's stores. Another merchant's user or store answers 404, as if it did not exist.</summary>
    public async Task<StoreAssignmentView> AssignAsync(Guid merchantId, Guid userId, StoreAssignmentRequest request)
    {
        var clerk = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.MerchantId == merchantId)
            .Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync()
            ?? throw DomainException.NotFound("Staff member", "员工");
        if (await db.Merchants.AnyAsync(m => m.Id == merchantId && m.OwnerUserId == userId))
        {
            throw DomainException.Conflict("owner_works_everywhere", "The owner works at every store and is not assigned to stores.",
                "店主可在所有门店核销，无需分配门店。");
        }

        var storeIds = (request.StoreIds ?? []).Distinct().ToList();
        if (storeIds.Count > MaxStores)
        {
            throw Validation.Single(nameof(request.StoreIds), $"At most {MaxStores} stores.", $"最多分配 {MaxStores} 家门店。");
        }

        var own = await db.Stores.AsNoTracking().CountAsync(s => s.MerchantId == merchantId && storeIds.Contains(s.Id));
        if (own != storeIds.Count)
        {
            throw DomainException.NotFound("Store", "门店");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Two owners saving the same clerk at once queue here (a row lock on PostgreSQL; SQLite serialises writers),
        // so the second deletes what the first inserted and the last save wins, instead of a key clash.
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.MerchantId, u => u.MerchantId));
        await db.StaffStores.Where(s => s.UserId == userId && s.MerchantId == merchantId).ExecuteDeleteAsync();
        db.StaffStores.AddRange(storeIds.Select(storeId => new StaffStore { UserId = userId, StoreId = storeId, MerchantId = merchantId, AssignedAt = now }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new StoreAssignmentView(clerk.Id, clerk.DisplayName, storeIds.Count == 0, storeIds);
    }

    /// <summary>Each assigned clerk's stores; a staff member missing here works at every store.</summary>
    public async Task<Dictionary<Guid, List<Guid>>> OfMerchantAsync(Guid merchantId) =>
        (await db.StaffStores.AsNoTracking().Where(s => s.MerchantId == merchantId).Select(s => new { s.UserId, s.StoreId }).ToListAsync())
        .GroupBy(s => s.UserId).ToDictionary(g => g.Key, g => g.Select(s => s.StoreId).ToList());

    /// <summary>The stores this staff member may work at, by name: the counter's store picker.</summary>
    public async Task<List<Store>> StoresOfAsync(Guid merchantId, Guid userId)
    {
        var assigned = await db.StaffStores.AsNoTracking().Where(s => s.UserId == userId && s.MerchantId == merchantId).Select(s => s.StoreId).ToListAsync();
        return await db.Stores.AsNoTracking().Where(s => s.MerchantId == merchantId && (assigned.Count == 0 || assigned.Contains(s.Id)))
            .OrderBy(s => s.Name).ToListAsync();
    }

    /// <summary>Whether this staff member may work at this store of their merchant: unassigned (or the owner), or assigned to it.</summary>
    public static async Task<bool> MayWorkAtAsync(AppDbContext db, Guid merchantId, Guid userId, Guid storeId)
    {
        var assigned = db.StaffStores.Where(s => s.UserId == userId && s.MerchantId == merchantId);
        return !await assigned.AnyAsync() || await assigned.AnyAsync(s => s.StoreId == storeId);
    }

    /// <summary>403 for a clerk at a store they are not assigned to.</summary>
    public static DomainException NotAssigned(string storeName) => new("store_not_assigned",
        $"You are not assigned to {storeName}: only its assigned staff and the owner can verify there. Ask the owner to assign you on the staff page.",
        $"您未被分配到{storeName}，不能在该门店核销或冲正。请联系店主在“员工管理”中为您分配门店。", StatusCodes.Status403Forbidden);
}

/// <summary>The staff page's assignment form for one clerk.</summary>
public sealed record StaffStoresForm(StaffMember Member, List<Store> Stores, List<Guid> Assigned);
