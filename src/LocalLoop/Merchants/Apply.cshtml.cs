using LocalLoop.Catalog;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Platform.Tenancy;
using LocalLoop.Platform.Uploads;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Merchants;

/// <summary>
/// A signed-in person applies to become a merchant, with the licence image and other documents, follows the
/// review, and edits and resubmits an application the reviewer sent back.
/// </summary>
[Authorize]
public sealed class ApplyModel(MerchantOnboarding onboarding, ImageUploads uploads, AppDbContext db, CurrentUser user) : PageModel
{
    [BindProperty]
    public ApplyInput Input { get; set; } = new();

    public List<MerchantApplication> Applications { get; private set; } = [];

    public List<CategoryNode> TopCategories { get; private set; } = [];

    /// <summary>The person already works for a merchant: nothing to apply for.</summary>
    public bool IsStaff => user.MerchantId is not null;

    public bool HasPending => Applications.Any(a => a.Status == ApplicationStatus.Pending);

    /// <summary>The application the reviewer sent back, which the form edits.</summary>
    public MerchantApplication? SentBack => Applications.FirstOrDefault(a => a.Status == ApplicationStatus.ChangesRequested);

    /// <summary>Approved, but this sign-in predates it: the person must sign in again to become the owner.</summary>
    public bool HasApproved => Applications.Any(a => a.Status == ApplicationStatus.Approved);

    public double MaxMegabytes => uploads.MaxBytes / (1024.0 * 1024.0);

    [TempData]
    public string? Success { get; set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (SentBack is { } application)
        {
            Input = ApplyInput.From(application);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var me = user.RequiredId;
        try
        {
            var licence = Input.Licence is null ? (Guid?)null : (await UploadAsync(me, UploadPurpose.MerchantLicence, Input.Licence, nameof(Input.Licence))).Id;
            var documents = new List<Guid>();
            foreach (var document in Input.Documents.Take(MerchantOnboarding.MaxDocuments + 1))
            {
                documents.Add((await UploadAsync(me, UploadPurpose.MerchantDocument, document, nameof(Input.Documents))).Id);
            }

            if (SentBack is { } application)
            {
                await onboarding.ResubmitAsync(me, application.Id, Input.ToRequest(licence, documents.Count > 0 ? documents : MerchantOnboarding.DocumentsOf(application).ToList()));
                Success = "onboard.resubmitted";
            }
            else
            {
                await onboarding.ApplyAsync(me, Input.ToRequest(licence, documents));
                Success = "merchant.apply.submitted";
            }
        }
        catch (DomainException ex)
        {
            PageErrors.AddTo(ModelState, OnFileFields(ex), "Input");
            return Page();
        }

        return RedirectToPage();
    }

    /// <summary>The service names the attached ids; the form has file fields in their place.</summary>
    private static DomainException OnFileFields(DomainException error)
    {
        if (error is not ValidationException validation)
        {
            return error;
        }

        static Dictionary<string, string> Renamed(IReadOnlyDictionary<string, string> errors) => errors.ToDictionary(
            e => e.Key switch { nameof(MerchantApplicationRequest.LicenceFileId) => nameof(ApplyInput.Licence), nameof(MerchantApplicationRequest.DocumentFileIds) => nameof(ApplyInput.Documents), var key => key },
            e => e.Value);
        return new ValidationException(Renamed(validation.Errors), Renamed(validation.ChineseErrors));
    }

    /// <summary>An upload's refusal is shown next to the file field it came from.</summary>
    private async Task<UploadedFile> UploadAsync(Guid me, UploadPurpose purpose, IFormFile file, string field)
    {
        try
        {
            return await uploads.SaveAsync(me, null, purpose, file);
        }
        catch (ValidationException ex)
        {
            throw Validation.Single(field, ex.Errors.Values.First(), ex.ChineseErrors.Values.First());
        }
    }

    private async Task LoadAsync()
    {
        var me = user.RequiredId;
        Applications = await db.MerchantApplications.AsNoTracking().Where(a => a.ApplicantUserId == me)
            .OrderByDescending(a => a.SubmittedAt).ToListAsync();
        TopCategories = await db.CategoryNodes.AsNoTracking().Where(c => c.ParentCode == null && c.IsActive).OrderBy(c => c.SortOrder).ToListAsync();
    }
}

public sealed class ApplyInput
{
    public string? BusinessName { get; set; }
    public string? LegalName { get; set; }
    public string? LicenseNumber { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>The main category.</summary>
    public string? Category { get; set; }

    /// <summary>Further categories ticked.</summary>
    public List<string> Categories { get; set; } = [];

    public IFormFile? Licence { get; set; }
    public List<IFormFile> Documents { get; set; } = [];

    public static ApplyInput From(MerchantApplication a) => new()
    {
        BusinessName = a.BusinessName, LegalName = a.LegalName, LicenseNumber = a.LicenseNumber, ContactName = a.ContactName,
        ContactPhone = a.ContactPhone, Category = a.Category, Categories = MerchantOnboarding.CategoriesOf(a).Skip(1).ToList(),
    };

    public MerchantApplicationRequest ToRequest(Guid? licence, List<Guid> documents) =>
        new(BusinessName ?? "", LicenseNumber ?? "", ContactName ?? "", ContactPhone ?? "", Category ?? "", LegalName, Categories, licence, documents);
}
