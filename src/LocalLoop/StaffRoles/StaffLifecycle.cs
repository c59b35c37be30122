using LocalLoop.Merchants;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.StaffRoles;

/// <summary>The roles an owner can give a member of the merchant's staff, most powerful first.</summary>
public static class StaffRoleNames
{
    public static readonly string[] All = [Roles.MerchantOwner, Roles.Manager, Roles.Clerk, Roles.Warehouse, Roles.CustomerService];

    /// <summary>The text key of a role's name, e.g. "staffroles.role.Manager".</summary>
    public static string TextKey(string role) => $"staffroles.role.{role}";
}

/// <param name="StoreIds">Stores the member may work at; empty or null: every store.</param>
public sealed record InviteStaffRequest(string Email, string DisplayName, string Password, string Role, string? Phone, List<Guid>? StoreIds);

public sealed record ChangeRoleRequest(string Role);

/// <summary>
/// The owner's hand on the staff: invite with a role, change the role, disable and re-enable. Every change that
/// narrows what someone may do renews their security stamp, which the session check compares on each request,
/// so an old cookie or bearer token stops working at once (decision 0016).
/// </summary>
public sealed class StaffLifecycle(AppDbContext db, UserManager<AppUser> users, StoreManagement stores, StoreAssignments assignments, TimeProvider clock)
{
    public async Task<StaffMember> InviteAsync(Guid merchantId, InviteStaffRequest request)
    {
        var errors = new Validation();
        errors.Check(nameof(request.Role), StaffRoleNames.All.Contains(request.Role), "Choose one of the staff roles.", "请选择员工角色。");
        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            errors.Phone(nameof(request.Phone), request.Phone);
        }

        errors.ThrowIfAny();
        // Stores are checked before the account exists, so a wrong store id leaves no half-invited member behind.
        var storeIds = request.Role == Roles.MerchantOwner ? [] : (request.StoreIds ?? []).Distinct().ToList();
        if (await db.Stores.CountAsync(s => s.MerchantId == merchantId && storeIds.Contains(s.Id)) != storeIds.Count)
        {
            throw DomainException.NotFound("Store", "门店");
        }

        var member = await stores.AddStaffAsync(merchantId, new ClerkRequest(request.Email, request.DisplayName, request.Password), request.Role, request.Phone);
        if (storeIds.Count > 0)
        {
            await assignments.AssignAsync(merchantId, member.Id, new StoreAssignmentRequest(storeIds));
        }

        return member;
    }

    /// <summary>Gives a member another role. The last active owner cannot be demoted: someone must be able to run the shop.</summary>
    public async Task<StaffMember> ChangeRoleAsync(Guid merchantId, Guid userId, ChangeRoleRequest request)
    {
        if (!StaffRoleNames.All.Contains(request.Role ?? ""))
        {
            throw Validation.Single(nameof(request.Role), "Choose one of the staff roles.", "请选择员工角色。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        // Two owners demoting each other at once queue on the merchant row, so the second sees the first's change.
        await db.Merchants.Where(m => m.Id == merchantId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Name, m => m.Name));
        var member = await users.Users.SingleOrDefaultAsync(u => u.Id == userId && u.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Staff member", "员工");
        var current = await users.GetRolesAsync(member);
        if (current.Contains(Roles.MerchantOwner) && request.Role != Roles.MerchantOwner && await ActiveOwnersAsync(merchantId) <= 1)
        {
            throw DomainException.Conflict("last_owner", "The last owner cannot be given another role: make someone else owner first.",
                "这是最后一位店主，不能改为其他角色。请先把另一位员工设为店主。");
        }

        var staffRoles = current.Where(StaffRoleNames.All.Contains).ToList();
        Succeeded(await users.RemoveFromRolesAsync(member, staffRoles));
        Succeeded(await users.AddToRoleAsync(member, request.Role!));
        Succeeded(await users.UpdateSecurityStampAsync(member));
        await transaction.CommitAsync();
        return new StaffMember(member.Id, member.Email ?? "", member.DisplayName, request.Role!) { Phone = member.PhoneNumber, Disabled = member.DisabledAt is not null };
    }

    /// <summary>Disables a member: no sign-in, and their open sessions end on their next request. Twice: 409.</summary>
    public async Task DisableAsync(Guid merchantId, Guid actingUserId, Guid userId)
    {
        if (userId == actingUserId)
        {
            throw DomainException.Conflict("cannot_disable_self", "You cannot disable your own account.", "不能停用自己的账号。");
        }

        var now = clock.GetUtcNow();
        var stamp = Guid.NewGuid().ToString("N");
        var changed = await db.Users.Where(u => u.Id == userId && u.MerchantId == merchantId && u.DisabledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, now).SetProperty(u => u.SecurityStamp, stamp).SetProperty(u => u.ConcurrencyStamp, stamp));
        if (changed == 0)
        {
            await ThrowWhyNotAsync(merchantId, userId, "already_disabled", "This staff member is already disabled.", "该员工已被停用。");
        }
    }

    /// <summary>Lets a disabled member sign in again (their old sessions stay ended). Twice: 409.</summary>
    public async Task EnableAsync(Guid merchantId, Guid userId)
    {
        var changed = await db.Users.Where(u => u.Id == userId && u.MerchantId == merchantId && u.DisabledAt != null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, (DateTimeOffset?)null));
        if (changed == 0)
        {
            await ThrowWhyNotAsync(merchantId, userId, "not_disabled", "This staff member is not disabled.", "该员工未被停用。");
        }
    }

    private async Task ThrowWhyNotAsync(Guid merchantId, Guid userId, string code, string message, string chinese)
    {
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.MerchantId == merchantId))
        {
            throw DomainException.NotFound("Staff member", "员工");
        }

        throw DomainException.Conflict(code, message, chinese);
    }

    private async Task<int> ActiveOwnersAsync(Guid merchantId)
    {
        var ownerRoleId = await db.Roles.Where(r => r.Name == Roles.MerchantOwner).Select(r => r.Id).SingleAsync();
        return await db.Users.CountAsync(u => u.MerchantId == merchantId && u.DisabledAt == null
            && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == ownerRoleId));
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
