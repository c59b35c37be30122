using LocalLoop.Payments;
using LocalLoop.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace LocalLoop.Platform.Identity;

public sealed record RegisterRequest(string Email, string Password, string DisplayName, string? Phone);

public sealed record LoginRequest(string Email, string Password);

/// <summary>Consumers register themselves; staff accounts are made by their owner, operators by an admin.</summary>
public sealed class AccountRegistration(UserManager<AppUser> users, AppDbContext db, TimeProvider clock)
{
    public async Task<AppUser> RegisterConsumerAsync(RegisterRequest request)
    {
        var errors = new Validation();
        errors.Required(nameof(request.DisplayName), request.DisplayName, 100, "Name", "昵称");
        errors.Check(nameof(request.Email), request.Email?.Contains('@', StringComparison.Ordinal) == true, "Enter a valid email address.", "请填写有效的邮箱地址。");
        if (!string.IsNullOrWhiteSpace(request.Phone))
        {
            errors.Phone(nameof(request.Phone), request.Phone);
        }

        errors.ThrowIfAny();
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            UserName = (request.Email ?? "").Trim(),
            Email = (request.Email ?? "").Trim(),
            PhoneNumber = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim(),
            DisplayName = request.DisplayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, request.Password ?? "");
        if (!created.Succeeded)
        {
            var field = created.Errors.Any(e => e.Code.Contains("Password", StringComparison.Ordinal)) ? nameof(request.Password) : nameof(request.Email);
            throw Validation.Single(field, string.Join(" ", created.Errors.Select(e => e.Description)),
                IdentityErrorText.Chinese(created.Errors, users.Options.Password));
        }

        await users.AddToRoleAsync(user, Roles.Consumer);
        db.Wallets.Add(new Wallet { UserId = user.Id, BalanceFen = 0 });
        await db.SaveChangesAsync();
        return user;
    }
}

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Accounts");
        group.MapPost("/register", async (RegisterRequest request, AccountRegistration accounts) =>
        {
            var user = await accounts.RegisterConsumerAsync(request);
            return TypedResults.Created("/api/auth/me", new { user.Id, user.Email, user.DisplayName });
        });

        // Bearer token for API clients (or a cookie with ?useCookies=true); lockout after repeated failures.
        group.MapPost("/login", async Task<IResult> (LoginRequest request, bool? useCookies, SignInManager<AppUser> signIn) =>
        {
            signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
            if (result.IsLockedOut)
            {
                return Web.Problems.Result(StatusCodes.Status423Locked, "locked_out", "Too many failed sign-ins: this account is locked for a few minutes.",
                    "登录失败次数过多，账号已被锁定几分钟，请稍后再试。");
            }

            if (result.IsNotAllowed)
            {
                return Web.Problems.Result(StatusCodes.Status403Forbidden, "sign_in_not_allowed", "This account may not sign in: its merchant has disabled it.",
                    "此账号已被商家停用，无法登录。");
            }

            return result.Succeeded
                ? TypedResults.Empty // the sign-in handler has written the token or the cookie
                : Web.Problems.Result(StatusCodes.Status401Unauthorized, "bad_credentials", "Email or password is wrong.", "邮箱或密码错误。");
        });

        group.MapGet("/me", (Tenancy.CurrentUser user, HttpContext http) => TypedResults.Ok(new
        {
            id = user.RequiredId,
            name = user.DisplayName,
            merchantId = user.MerchantId,
            roles = Roles.All.Where(http.User.IsInRole).ToList(),
        })).RequireAuthorization();
    }
}
