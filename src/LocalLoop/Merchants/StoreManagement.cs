using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

public sealed record StoreRequest(string Name, string City, string Address, double Latitude, double Longitude, string Phone, string OpensAt, string ClosesAt);

public sealed record ClerkRequest(string Email, string DisplayName, string Password);

public sealed record StaffMember(Guid Id, string Email, string DisplayName, string Role);

/// <summary>An owner's set-up of the merchant: its stores and its clerk accounts.</summary>
public sealed class StoreManagement(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, SearchIndex searchIndex)
{
    public async Task<Store> AddStoreAsync(Guid merchantId, StoreRequest request)
    {
        var errors = new Validation();
        errors.Required(nameof(request.Name), request.Name, 100, "Store name", "门店名称");
        errors.Required(nameof(request.City), request.City, 50, "City", "城市");
        errors.Required(nameof(request.Address), request.Address, 200, "Address", "地址");
        errors.Check(nameof(request.Latitude), GeoPoint.IsValid(request.Latitude, request.Longitude),
            "Latitude must be between -90 and 90 and longitude between -180 and 180.",
            "纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间。");
        errors.Phone(nameof(request.Phone), request.Phone);
        var opens = ParseTime(request.OpensAt);
        var closes = ParseTime(request.ClosesAt);
        errors.Check(nameof(request.OpensAt), opens is not null, "Opening time must look like 09:00.", "开门时间请按 09:00 的格式填写。");
        errors.Check(nameof(request.ClosesAt), closes is not null, "Closing time must look like 22:00.", "关门时间请按 22:00 的格式填写。");
        errors.Check(nameof(request.ClosesAt), opens is null || closes is null || opens != closes, "Opening and closing times must differ.", "开门时间和关门时间不能相同。");
        errors.ThrowIfAny();

        var store = new Store
        {
            Id = Guid.CreateVersion7(),
            MerchantId = merchantId,
            Name = request.Name.Trim(),
            City = request.City.Trim(),
            Address = request.Address.Trim(),
            Latitude = request.Latitude,
            Longitude = request.Longitude,
            Phone = request.Phone.Trim(),
            OpensAt = opens!.Value,
            ClosesAt = closes!.Value,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Stores.Add(store);
        await db.SaveChangesAsync();
        await searchIndex.RefreshMerchantAsync(merchantId);
        return store;
    }

    public Task<List<Store>> StoresAsync(Guid merchantId) =>
        db.Stores.AsNoTracking().Where(s => s.MerchantId == merchantId).OrderBy(s => s.Name).ToListAsync();

    public async Task<StaffMember> AddClerkAsync(Guid merchantId, ClerkRequest request)
    {
        var errors = new Validation();
        errors.Required(nameof(request.DisplayName), request.DisplayName, 100, "Name", "姓名");
        errors.Check(nameof(request.Email), request.Email?.Contains('@', StringComparison.Ordinal) == true, "Enter the clerk's email address.", "请填写店员的邮箱地址。");
        errors.ThrowIfAny();

        var clerk = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = (request.Email ?? "").Trim(),
            Email = (request.Email ?? "").Trim(),
            DisplayName = request.DisplayName.Trim(),
            MerchantId = merchantId,
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(clerk, request.Password ?? "");
        if (!created.Succeeded)
        {
            throw Validation.Single(nameof(request.Password), string.Join(" ", created.Errors.Select(e => e.Description)),
                IdentityErrorText.Chinese(created.Errors, users.Options.Password));
        }

        await users.AddToRoleAsync(clerk, Roles.Clerk);
        return new StaffMember(clerk.Id, clerk.Email, clerk.DisplayName, Roles.Clerk);
    }

    public async Task<List<StaffMember>> StaffAsync(Guid merchantId)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.MerchantId == merchantId).OrderBy(u => u.DisplayName).ToListAsync();
        var result = new List<StaffMember>();
        foreach (var member in staff)
        {
            var role = (await users.IsInRoleAsync(member, Roles.MerchantOwner)) ? Roles.MerchantOwner : Roles.Clerk;
            result.Add(new StaffMember(member.Id, member.Email ?? "", member.DisplayName, role));
        }

        return result;
    }

    private static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time) ? time : null;
}
