using LocalLoop.Deals;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

public sealed record MerchantApplicationRequest(string BusinessName, string LicenseNumber, string ContactName, string ContactPhone, string Category);

public sealed record MerchantApproved(Guid ApplicantUserId, Guid MerchantId, string BusinessName) : IDomainEvent
{
    public Guid? NotifyUserId => ApplicantUserId;
    public string NotificationTitle => "商户入驻已通过 / Merchant application approved";
    public string NotificationBody => $"{BusinessName} is now a LocalLoop merchant. Sign in again to open the merchant console.";
}

public sealed record MerchantRejected(Guid ApplicantUserId, string BusinessName, string Reason) : IDomainEvent
{
    public Guid? NotifyUserId => ApplicantUserId;
    public string NotificationTitle => "商户入驻未通过 / Merchant application rejected";
    public string NotificationBody => $"{BusinessName}: {Reason}";
}

/// <summary>A business applies; a reviewer approves (creating the merchant and making the applicant its owner) or rejects with a reason.</summary>
public sealed class MerchantOnboarding(AppDbContext db, UserManager<AppUser> users, OutboxWriter outbox, TimeProvider clock)
{
    public async Task<MerchantApplication> ApplyAsync(Guid applicantUserId, MerchantApplicationRequest request)
    {
        var errors = new Validation();
        errors.Required(nameof(request.BusinessName), request.BusinessName, 100, "Business name", "商户名称");
        errors.Required(nameof(request.LicenseNumber), request.LicenseNumber, 50, "Licence number", "营业执照号");
        errors.Required(nameof(request.ContactName), request.ContactName, 50, "Contact name", "联系人姓名");
        errors.Phone(nameof(request.ContactPhone), request.ContactPhone);
        errors.Check(nameof(request.Category), Categories.Exists(request.Category), "Choose one of the listed categories.", "请从列表中选择一个类目。");
        errors.ThrowIfAny();

        var user = await users.FindByIdAsync(applicantUserId.ToString()) ?? throw DomainException.NotFound("User", "用户");
        if (user.MerchantId is not null)
        {
            throw DomainException.Conflict("already_merchant", "This account already belongs to a merchant.", "该账号已属于一个商家，无需再次申请。");
        }

        if (await db.MerchantApplications.AnyAsync(a => a.ApplicantUserId == applicantUserId && a.Status == ApplicationStatus.Pending))
        {
            throw DomainException.Conflict("application_pending", "You already have an application waiting for review.", "你已有一份入驻申请正在审核中，请等待审核结果。");
        }

        var application = new MerchantApplication
        {
            Id = Guid.CreateVersion7(),
            ApplicantUserId = applicantUserId,
            BusinessName = request.BusinessName.Trim(),
            LicenseNumber = request.LicenseNumber.Trim(),
            ContactName = request.ContactName.Trim(),
            ContactPhone = request.ContactPhone.Trim(),
            Category = request.Category,
            Status = ApplicationStatus.Pending,
            SubmittedAt = clock.GetUtcNow(),
        };
        db.MerchantApplications.Add(application);
        await db.SaveChangesAsync();
        return application;
    }

    public async Task<Merchant> ApproveAsync(Guid applicationId, Guid reviewerId)
    {
        var application = await db.MerchantApplications.SingleOrDefaultAsync(a => a.Id == applicationId)
            ?? throw DomainException.NotFound("Application", "入驻申请");
        await using var transaction = await db.Database.BeginTransactionAsync();
        var merchant = new Merchant
        {
            Id = Guid.CreateVersion7(),
            Name = application.BusinessName,
            Category = application.Category,
            OwnerUserId = application.ApplicantUserId,
            CommissionRateBasisPoints = CommissionRate.Default.BasisPoints,
            CreatedAt = clock.GetUtcNow(),
        };
        await ClaimForReviewAsync(applicationId, ApplicationStatus.Approved, reviewerId, reason: null, merchant.Id);

        db.Merchants.Add(merchant);
        var applicant = await users.FindByIdAsync(application.ApplicantUserId.ToString()) ?? throw DomainException.NotFound("Applicant", "申请人");
        applicant.MerchantId = merchant.Id;
        Ensure(await users.UpdateAsync(applicant));
        Ensure(await users.AddToRoleAsync(applicant, Roles.MerchantOwner));
        Ensure(await users.UpdateSecurityStampAsync(applicant));
        outbox.Add(new MerchantApproved(applicant.Id, merchant.Id, merchant.Name));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return merchant;
    }

    public async Task RejectAsync(Guid applicationId, Guid reviewerId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw Validation.Single("reason", "Give the applicant a reason for the rejection.", "请填写驳回理由，告知申请人。");
        }

        var application = await db.MerchantApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId)
            ?? throw DomainException.NotFound("Application", "入驻申请");
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ClaimForReviewAsync(applicationId, ApplicationStatus.Rejected, reviewerId, reason.Trim(), merchantId: null);
        outbox.Add(new MerchantRejected(application.ApplicantUserId, application.BusinessName, reason.Trim()));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Moves a pending application to its decision in one conditional update, so two reviewers cannot both decide it.</summary>
    private async Task ClaimForReviewAsync(Guid applicationId, ApplicationStatus decision, Guid reviewerId, string? reason, Guid? merchantId)
    {
        var now = clock.GetUtcNow();
        var changed = await db.MerchantApplications
            .Where(a => a.Id == applicationId && a.Status == ApplicationStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, decision)
                .SetProperty(a => a.RejectionReason, reason)
                .SetProperty(a => a.ReviewedAt, now)
                .SetProperty(a => a.ReviewedByUserId, reviewerId)
                .SetProperty(a => a.MerchantId, merchantId));
        if (changed == 0)
        {
            throw DomainException.Conflict("already_reviewed", "This application has already been reviewed.", "该申请已审核过，请刷新查看结果。");
        }
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
