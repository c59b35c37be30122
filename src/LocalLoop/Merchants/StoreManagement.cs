using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

/// <summary>A new store. OpensAt/ClosesAt are its first hours, the same every day; the week is refined with the hours endpoint.</summary>
public sealed record StoreRequest(string Name, string City, string Address, double Latitude, double Longitude, string Phone, string OpensAt, string ClosesAt,
    string? TimeZoneId = null, double? ServiceRadiusKm = null);

/// <summary>A store's details as the owner edits them (its hours have their own endpoints).</summary>
public sealed record StoreDetailsRequest(string Name, string City, string Address, double Latitude, double Longitude, string Phone, string TimeZoneId, double ServiceRadiusKm);

public sealed record ClerkRequest(string Email, string DisplayName, string Password);

public sealed record StaffMember(Guid Id, string Email, string DisplayName, string Role)
{
    public string? Phone { get; init; }

    /// <summary>The owner has disabled this account: it cannot sign in until re-enabled.</summary>
    public bool Disabled { get; init; }
}

/// <summary>An owner's set-up of the merchant: its stores and its clerk accounts.</summary>
public sealed class StoreManagement(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, SearchIndex searchIndex)
{
    public const double MaxServiceRadiusKm = 50;

    public async Task<Store> AddStoreAsync(Guid merchantId, StoreRequest request)
    {
        var details = new StoreDetailsRequest(request.Name, request.City, request.Address, request.Latitude, request.Longitude, request.Phone,
            request.TimeZoneId ?? OpeningHours.DefaultTimeZoneId, request.ServiceRadiusKm ?? 5);
        var errors = ValidateDetails(details);
        var opens = StoreHoursManagement.ParseTime(request.OpensAt);
        var closes = StoreHoursManagement.ParseTime(request.ClosesAt);
        errors.Check(nameof(request.OpensAt), opens is not null, "Opening time must look like 09:00.", "开门时间请按 09:00 的格式填写。");
        errors.Check(nameof(request.ClosesAt), closes is not null, "Closing time must look like 22:00.", "关门时间请按 22:00 的格式填写。");
        errors.Check(nameof(request.ClosesAt), opens is null || closes is null || StoreHoursManagement.IsValidPeriod(opens.Value, closes.Value),
            "Opening and closing times must differ.", "开门时间和关门时间不能相同。");
        errors.ThrowIfAny();

        var store = new Store { Id = Guid.CreateVersion7(), MerchantId = merchantId, CreatedAt = clock.GetUtcNow() };
        Apply(store, details);
        db.Stores.Add(store);
        // Every day the same hours to start with.
        db.StoreHours.AddRange(Enum.GetValues<DayOfWeek>().Select(day => new StoreHours
        {
            Id = Guid.CreateVersion7(), StoreId = store.Id, MerchantId = merchantId, Day = day, OpensAt = opens!.Value, ClosesAt = closes!.Value,
        }));
        await db.SaveChangesAsync();
        await searchIndex.RefreshMerchantAsync(merchantId);
        return store;
    }

    /// <summary>Changes a store's details (name, address, position, phone, zone, radius); another merchant's store is not found.</summary>
    public async Task<Store> EditStoreAsync(Guid merchantId, Guid storeId, StoreDetailsRequest request)
    {
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == storeId && s.MerchantId == merchantId)
            ?? throw DomainException.NotFound("Store", "门店");
        ValidateDetails(request).ThrowIfAny();
        Apply(store, request);
        await db.SaveChangesAsync();
        await searchIndex.RefreshMerchantAsync(merchantId);
        return store;
    }

    public Task<Store?> StoreAsync(Guid merchantId, Guid storeId) =>
        db.Stores.AsNoTracking().SingleOrDefaultAsync(s => s.Id == storeId && s.MerchantId == merchantId);

    private static Validation ValidateDetails(StoreDetailsRequest request)
    {
        var errors = new Validation();
        errors.Required(nameof(request.Name), request.Name, 100, "Store name", "门店名称");
        errors.Required(nameof(request.City), request.City, 50, "City", "城市");
        errors.Required(nameof(request.Address), request.Address, 200, "Address", "地址");
        errors.Check(nameof(request.Latitude), GeoPoint.IsValid(request.Latitude, request.Longitude),
            "Latitude must be between -90 and 90 and longitude between -180 and 180.",
            "纬度须在 -90 到 90 之间，经度须在 -180 到 180 之间。");
        errors.Phone(nameof(request.Phone), request.Phone);
        errors.Check(nameof(request.TimeZoneId), OpeningHours.IsKnownTimeZone(request.TimeZoneId),
            "Unknown time zone: give an IANA id such as Asia/Shanghai.", "无法识别的时区，请填写 IANA 时区名，例如 Asia/Shanghai。");
        errors.Check(nameof(request.ServiceRadiusKm), double.IsFinite(request.ServiceRadiusKm) && request.ServiceRadiusKm is >= 0.1 and <= MaxServiceRadiusKm,
            $"Service radius must be between 0.1 and {MaxServiceRadiusKm} km.", $"服务半径须在 0.1 到 {MaxServiceRadiusKm} 公里之间。");
        return errors;
    }

    private static void Apply(Store store, StoreDetailsRequest request)
    {
        store.Name = request.Name.Trim();
        store.City = request.City.Trim();
        store.Address = request.Address.Trim();
        store.Latitude = request.Latitude;
        store.Longitude = request.Longitude;
        store.Phone = request.Phone.Trim();
        store.TimeZoneId = request.TimeZoneId.Trim();
        store.ServiceRadiusKm = request.ServiceRadiusKm;
    }

    public Task<List<Store>> StoresAsync(Guid merchantId) =>
        db.Stores.AsNoTracking().Where(s => s.MerchantId == merchantId).OrderBy(s => s.Name).ToListAsync();

    public Task<StaffMember> AddClerkAsync(Guid merchantId, ClerkRequest request) => AddStaffAsync(merchantId, request, Roles.Clerk, null);

    /// <summary>Creates a work account for the merchant with one staff role; the owner hands over the initial password.</summary>
    public async Task<StaffMember> AddStaffAsync(Guid merchantId, ClerkRequest request, string role, string? phone)
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
            PhoneNumber = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(),
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

        await users.AddToRoleAsync(clerk, role);
        return new StaffMember(clerk.Id, clerk.Email, clerk.DisplayName, role) { Phone = clerk.PhoneNumber };
    }

    public async Task<List<StaffMember>> StaffAsync(Guid merchantId)
    {
        var staff = await db.Users.AsNoTracking().Where(u => u.MerchantId == merchantId).OrderBy(u => u.DisplayName).ToListAsync();
        var result = new List<StaffMember>();
        foreach (var member in staff)
        {
            var roles = await users.GetRolesAsync(member);
            var role = StaffRoles.StaffRoleNames.All.FirstOrDefault(roles.Contains) ?? Roles.Clerk;
            result.Add(new StaffMember(member.Id, member.Email ?? "", member.DisplayName, role) { Phone = member.PhoneNumber, Disabled = member.DisabledAt is not null });
        }

        return result;
    }
}
