using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Outbox;
using LocalLoop.Platform.Uploads;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

/// <param name="Category">The main top-level category; <paramref name="Categories"/> may add more (the first becomes the main one when Category is empty).</param>
/// <param name="LegalName">The registered name on the licence; the business name when empty.</param>
/// <param name="LicenceFileId">The business licence image, uploaded with purpose MerchantLicence (required).</param>
/// <param name="DocumentFileIds">Other document images, uploaded with purpose MerchantDocument (optional, at most five).</param>
public sealed record MerchantApplicationRequest(string BusinessName, string LicenseNumber, string ContactName, string ContactPhone, string Category,
    string? LegalName = null, List<string>? Categories = null, Guid? LicenceFileId = null, List<Guid>? DocumentFileIds = null);

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

public sealed record MerchantChangesRequested(Guid ApplicantUserId, string BusinessName, string Note) : IDomainEvent
{
    public Guid? NotifyUserId => ApplicantUserId;
    public string NotificationTitle => "商户入驻需补充材料 / Merchant application: changes requested";
    public string NotificationBody => $"{BusinessName}: {Note}";
}

/// <summary>
/// A business applies with its licence and documents; a reviewer approves (creating the merchant and making the
/// applicant its owner), rejects with a reason, or asks for changes that the applicant makes before resubmitting.
/// </summary>
public sealed class MerchantOnboarding(AppDbContext db, UserManager<AppUser> users, OutboxWriter outbox, ImageUploads uploads, TimeProvider clock)
{
    public const int MaxDocuments = 5;

    public async Task<MerchantApplication> ApplyAsync(Guid applicantUserId, MerchantApplicationRequest request)
    {
        var details = await ValidateAsync(applicantUserId, request);

        var user = await users.FindByIdAsync(applicantUserId.ToString()) ?? throw DomainException.NotFound("User", "用户");
        if (user.MerchantId is not null)
        {
            throw DomainException.Conflict("already_merchant", "This account already belongs to a merchant.", "该账号已属于一个商家，无需再次申请。");
        }

        if (await db.MerchantApplications.AnyAsync(a => a.ApplicantUserId == applicantUserId
                && (a.Status == ApplicationStatus.Pending || a.Status == ApplicationStatus.ChangesRequested)))
        {
            throw DomainException.Conflict("application_pending", "You already have an application waiting for review.", "你已有一份入驻申请正在审核中，请等待审核结果。");
        }

        var application = new MerchantApplication
        {
            Id = Guid.CreateVersion7(),
            ApplicantUserId = applicantUserId,
            BusinessName = details.BusinessName,
            LegalName = details.LegalName,
            LicenseNumber = details.LicenseNumber,
            ContactName = details.ContactName,
            ContactPhone = details.ContactPhone,
            Category = details.Categories[0],
            Categories = string.Join(',', details.Categories),
            LicenceFileId = details.LicenceFileId,
            DocumentFileIds = string.Join(',', details.DocumentFileIds),
            Status = ApplicationStatus.Pending,
            SubmittedAt = clock.GetUtcNow(),
        };
        db.MerchantApplications.Add(application);
        await db.SaveChangesAsync();
        return application;
    }

    /// <summary>The applicant edits an application the reviewer sent back and submits it again: it returns to the queue.</summary>
    public async Task ResubmitAsync(Guid applicantUserId, Guid applicationId, MerchantApplicationRequest request)
    {
        var current = await db.MerchantApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId && a.ApplicantUserId == applicantUserId)
            ?? throw DomainException.NotFound("Application", "入驻申请");
        // Keeping the licence already on file is fine: the reviewer may have asked about something else.
        var details = await ValidateAsync(applicantUserId, request with { LicenceFileId = request.LicenceFileId ?? current.LicenceFileId });
        var categories = string.Join(',', details.Categories);
        var documents = string.Join(',', details.DocumentFileIds);
        var now = clock.GetUtcNow();
        var changed = await db.MerchantApplications
            .Where(a => a.Id == applicationId && a.ApplicantUserId == applicantUserId && a.Status == ApplicationStatus.ChangesRequested)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.BusinessName, details.BusinessName)
                .SetProperty(a => a.LegalName, details.LegalName)
                .SetProperty(a => a.LicenseNumber, details.LicenseNumber)
                .SetProperty(a => a.ContactName, details.ContactName)
                .SetProperty(a => a.ContactPhone, details.ContactPhone)
                .SetProperty(a => a.Category, details.Categories[0])
                .SetProperty(a => a.Categories, categories)
                .SetProperty(a => a.LicenceFileId, details.LicenceFileId)
                .SetProperty(a => a.DocumentFileIds, documents)
                .SetProperty(a => a.Status, ApplicationStatus.Pending)
                .SetProperty(a => a.SubmittedAt, now));
        if (changed == 0)
        {
            throw DomainException.Conflict("not_awaiting_changes", "Only an application sent back for changes can be resubmitted.", "只有被退回修改的申请才能重新提交。");
        }
    }

    public async Task RequestChangesAsync(Guid applicationId, Guid reviewerId, string? note)
    {
        if (string.IsNullOrWhiteSpace(note) || note.Trim().Length > 500)
        {
            throw Validation.Single("note", "Tell the applicant what to change (at most 500 characters).", "请写明需要申请人修改的内容（不超过 500 字）。");
        }

        var application = await db.MerchantApplications.AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId)
            ?? throw DomainException.NotFound("Application", "入驻申请");
        await using var transaction = await db.Database.BeginTransactionAsync();
        await ClaimForReviewAsync(applicationId, ApplicationStatus.ChangesRequested, reviewerId, reason: null, merchantId: null, note.Trim());
        outbox.Add(new MerchantChangesRequested(application.ApplicantUserId, application.BusinessName, note.Trim()));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public static IReadOnlyList<string> CategoriesOf(MerchantApplication application) =>
        application.Categories.Length > 0 ? application.Categories.Split(',') : [application.Category];

    public static IReadOnlyList<Guid> DocumentsOf(MerchantApplication application) =>
        application.DocumentFileIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();

    private sealed record ApplicationDetails(string BusinessName, string LegalName, string LicenseNumber, string ContactName, string ContactPhone,
        List<string> Categories, Guid LicenceFileId, List<Guid> DocumentFileIds);

    private async Task<ApplicationDetails> ValidateAsync(Guid applicantUserId, MerchantApplicationRequest request)
    {
        var categories = new[] { request.Category }.Concat(request.Categories ?? [])
            .Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        var documents = (request.DocumentFileIds ?? []).Distinct().ToList();
        var topLevel = await db.CategoryNodes.Where(c => c.ParentCode == null && c.IsActive).Select(c => c.Code).ToListAsync();
        var errors = new Validation();
        errors.Required(nameof(request.BusinessName), request.BusinessName, 100, "Business name", "商户名称");
        errors.Check(nameof(request.LegalName), (request.LegalName?.Trim().Length ?? 0) <= 100, "Legal name must be at most 100 characters.", "企业名称不能超过 100 个字符。");
        errors.Required(nameof(request.LicenseNumber), request.LicenseNumber, 50, "Licence number", "营业执照号");
        errors.Check(nameof(request.LicenseNumber), string.IsNullOrWhiteSpace(request.LicenseNumber) || CreditCode.IsWellFormed(request.LicenseNumber),
            "The licence number must be the 18-character unified social credit code (digits and capital letters, no I, O, S, V or Z).",
            "营业执照号须为 18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z）。");
        errors.Required(nameof(request.ContactName), request.ContactName, 50, "Contact name", "联系人姓名");
        errors.Phone(nameof(request.ContactPhone), request.ContactPhone);
        errors.Check(nameof(request.Category), categories.Count > 0 && categories.All(topLevel.Contains), "Choose one of the listed categories.", "请从列表中选择一个类目。");
        errors.Check(nameof(request.LicenceFileId), request.LicenceFileId is not null, "Upload an image of the business licence.", "请上传营业执照图片。");
        errors.Check(nameof(request.DocumentFileIds), documents.Count <= MaxDocuments, $"Attach at most {MaxDocuments} other documents.", $"其他资质图片最多 {MaxDocuments} 张。");
        errors.ThrowIfAny();

        await uploads.RequireOwnAsync(applicantUserId, UploadPurpose.MerchantLicence, [request.LicenceFileId!.Value], nameof(request.LicenceFileId));
        await uploads.RequireOwnAsync(applicantUserId, UploadPurpose.MerchantDocument, documents, nameof(request.DocumentFileIds));
        var businessName = request.BusinessName.Trim();
        return new ApplicationDetails(businessName, string.IsNullOrWhiteSpace(request.LegalName) ? businessName : request.LegalName.Trim(),
            CreditCode.Normalize(request.LicenseNumber), request.ContactName.Trim(), request.ContactPhone.Trim(), categories, request.LicenceFileId.Value, documents);
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
        await ClaimForReviewAsync(applicationId, ApplicationStatus.Approved, reviewerId, reason: null, merchant.Id, note: null);

        db.Merchants.Add(merchant);
        // The documents now belong to the merchant too, so its owner keeps seeing them whoever uploaded them.
        Guid[] documents = [.. DocumentsOf(application), .. application.LicenceFileId is { } licence ? [licence] : Array.Empty<Guid>()];
        await db.UploadedFiles.Where(f => documents.Contains(f.Id)).ExecuteUpdateAsync(s => s.SetProperty(f => f.MerchantId, merchant.Id));
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
        await ClaimForReviewAsync(applicationId, ApplicationStatus.Rejected, reviewerId, reason.Trim(), merchantId: null, note: null);
        outbox.Add(new MerchantRejected(application.ApplicantUserId, application.BusinessName, reason.Trim()));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Moves a pending application to its decision in one conditional update, so two reviewers cannot both decide it.</summary>
    private async Task ClaimForReviewAsync(Guid applicationId, ApplicationStatus decision, Guid reviewerId, string? reason, Guid? merchantId, string? note)
    {
        var now = clock.GetUtcNow();
        var changed = await db.MerchantApplications
            .Where(a => a.Id == applicationId && a.Status == ApplicationStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, decision)
                .SetProperty(a => a.RejectionReason, reason)
                .SetProperty(a => a.ChangesNote, note)
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
