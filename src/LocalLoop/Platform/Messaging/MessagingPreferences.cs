using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Platform.Messaging;

/// <summary>A person's reminder channels, with where they would go (masked).</summary>
public sealed record ReminderPreferencesView(bool Sms, bool Email, string? Phone, string? EmailAddress);

public sealed record ReminderPreferencesRequest(bool? Sms, bool? Email);

/// <summary>Whether a consumer wants expiry reminders by SMS and by email (both on until turned off).</summary>
public sealed class MessagingPreferences(AppDbContext db)
{
    public async Task<ReminderPreferencesView> GetAsync(Guid userId)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.PhoneNumber, u.Email }).SingleAsync();
        var preference = await db.MessagingPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId) ?? new MessagingPreference();
        return new ReminderPreferencesView(preference.SmsReminders, preference.EmailReminders,
            user.PhoneNumber is { } phone ? PhoneNumbers.Mask(phone) : null,
            user.Email is { } email ? OutboundMessages.Mask(MessageChannel.Email, email) : null);
    }

    /// <summary>Sets the channels given; an omitted one keeps its value.</summary>
    public async Task<ReminderPreferencesView> SetAsync(Guid userId, ReminderPreferencesRequest request)
    {
        var errors = new Validation();
        errors.Check("sms", request is not null && (request.Sms is not null || request.Email is not null),
            "Say which reminders to change: sms, email or both (true or false).", "请指明要修改的提醒方式：sms、email 或两者（true 或 false）。");
        errors.ThrowIfAny();

        var existing = await db.MessagingPreferences.SingleOrDefaultAsync(p => p.UserId == userId);
        if (existing is null)
        {
            existing = new MessagingPreference { UserId = userId };
            db.MessagingPreferences.Add(existing);
        }

        existing.SmsReminders = request!.Sms ?? existing.SmsReminders;
        existing.EmailReminders = request.Email ?? existing.EmailReminders;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two first saves at once: the other one created the row; apply this choice on top of it.
            db.ChangeTracker.Clear();
            await db.MessagingPreferences.Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.SmsReminders, p => request.Sms ?? p.SmsReminders)
                .SetProperty(p => p.EmailReminders, p => request.Email ?? p.EmailReminders));
        }

        return await GetAsync(userId);
    }
}

public static class MessagingEndpoints
{
    public static void MapMessagingEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me/reminder-preferences").WithTags("Accounts").RequireAuthorization();
        me.MapGet("/", async (MessagingPreferences preferences, Tenancy.CurrentUser user) => TypedResults.Ok(await preferences.GetAsync(user.RequiredId)));
        me.MapPut("/", async (ReminderPreferencesRequest request, MessagingPreferences preferences, Tenancy.CurrentUser user) =>
            TypedResults.Ok(await preferences.SetAsync(user.RequiredId, request)));

        app.MapGet("/api/admin/messages", async (string? status, OutboundMessages messages) =>
                TypedResults.Ok(await messages.LatestAsync(Enum.TryParse<OutboundMessageStatus>(status, ignoreCase: true, out var s) ? s : null)))
            .WithTags("Operations").RequireAuthorization(Policies.Operator);
    }
}
