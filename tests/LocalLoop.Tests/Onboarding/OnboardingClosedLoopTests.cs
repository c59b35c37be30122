using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Platform.Outbox;
using LocalLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LocalLoop.Tests.Onboarding;

/// <summary>
/// An applicant applies with a licence image and a further document, the reviewer sends it back for changes,
/// the applicant reads the note, edits and resubmits, the reviewer approves, and the new owner opens the console.
/// </summary>
public sealed class OnboardingClosedLoopTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task An_application_with_documents_goes_back_for_changes_is_resubmitted_and_approved(string database)
    {
        var app = await fixture.For(database);
        var applicant = await new Scenario(app).NewConsumerAsync(0, "申请人 王五");
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var licence = await Scenario.UploadAsync(applicant.Client, "MerchantLicence", TestImages.Png, "营业执照.png");
        var permit = await Scenario.UploadAsync(applicant.Client, "MerchantDocument", TestImages.Jpeg, "permit.jpg", "image/jpeg");
        var name = $"老王烧烤 {Guid.NewGuid():N}"[..12];

        var submitted = await applicant.Client.PostAsJsonAsync("/api/merchant-applications", new MerchantApplicationRequest(
                name, "91310101ma1fpx1234", "王五", "13812345678", "food", "上海老王餐饮管理有限公司", ["entertainment"], licence, [permit]))
            .ShouldReturnAsync<ApplicationView>(201);

        submitted.LicenseNumber.ShouldBe("91310101MA1FPX1234", "the code is kept in capitals");
        submitted.Categories!.ShouldBeEquivalentTo(new[] { "food", "entertainment" });
        var queue = await reviewer.GetFromJsonAsync<List<ApplicationView>>("/api/admin/merchant-applications");
        var queued = queue!.Single(a => a.Id == submitted.Id);
        queued.LegalName.ShouldBe("上海老王餐饮管理有限公司");
        queued.LicenceFileId.ShouldBe(licence);
        queued.DocumentFileIds!.ShouldBeEquivalentTo(new[] { permit });
        var queuePage = await reviewer.GetStringAsync("/admin/merchants");
        queuePage.Contains($"/files/{licence}", StringComparison.OrdinalIgnoreCase).ShouldBeTrue("the queue shows the licence thumbnail");
        queuePage.Contains($"/files/{permit}", StringComparison.OrdinalIgnoreCase).ShouldBeTrue("and the other document");
        (await reviewer.GetAsync($"/files/{licence}")).Content.Headers.ContentType!.MediaType.ShouldBe("image/png");

        await (await reviewer.PostAsJsonAsync($"/api/admin/merchant-applications/{submitted.Id}/request-changes",
            new RequestChangesRequest("营业执照照片模糊，请重新拍摄上传。"))).ShouldHaveStatusAsync(204);
        await DeliverAsync(app);

        var sentBack = (await applicant.Client.GetFromJsonAsync<List<ApplicationView>>("/api/merchant-applications/mine"))!.Single();
        sentBack.Status.ShouldBe("ChangesRequested");
        sentBack.ChangesNote.ShouldBe("营业执照照片模糊，请重新拍摄上传。");
        (await InboxAsync(applicant.Client)).Any(n => n.Body.Contains("营业执照照片模糊", StringComparison.Ordinal)).ShouldBeTrue("the note arrives in the inbox");
        var applyPage = await applicant.Client.GetStringAsync("/merchant/apply");
        applyPage.Contains("营业执照照片模糊", StringComparison.Ordinal).ShouldBeTrue("the apply page shows the reviewer's note");
        await reviewer.PostAsync($"/api/admin/merchant-applications/{submitted.Id}/approve", null).ShouldBeProblemAsync(409, "already_reviewed");

        var sharper = await Scenario.UploadAsync(applicant.Client, "MerchantLicence", TestImages.Webp, "licence.webp", "image/webp");
        await (await applicant.Client.PutAsJsonAsync($"/api/merchant-applications/{submitted.Id}", new MerchantApplicationRequest(
            name, "91310101MA1FPX1234", "王五", "13900001111", "food", "上海老王餐饮管理有限公司", ["entertainment"], sharper, [permit]))).ShouldHaveStatusAsync(204);
        await applicant.Client.PutAsJsonAsync($"/api/merchant-applications/{submitted.Id}", await Scenario.ApplicationAsync(applicant.Client))
            .ShouldBeProblemAsync(409, "not_awaiting_changes");

        var resubmitted = (await reviewer.GetFromJsonAsync<List<ApplicationView>>("/api/admin/merchant-applications"))!.Single(a => a.Id == submitted.Id);
        resubmitted.Status.ShouldBe("Pending");
        resubmitted.ContactPhone.ShouldBe("13900001111");
        resubmitted.LicenceFileId.ShouldBe(sharper);
        var approved = await reviewer.PostAsync($"/api/admin/merchant-applications/{submitted.Id}/approve", null).ShouldReturnAsync<Scenario.MerchantIdOnly>();
        await DeliverAsync(app);

        (await InboxAsync(applicant.Client)).Any(n => n.Title.Contains("approved", StringComparison.Ordinal)).ShouldBeTrue("the approval arrives in the inbox");
        var owner = await app.SignInAsync(applicant.Email);
        var console = await owner.GetAsync("/merchant");
        await console.ShouldHaveStatusAsync(200);
        (await console.Content.ReadAsStringAsync()).Contains(name, StringComparison.Ordinal).ShouldBeTrue("the owner's console opens on the new merchant");
        var merchant = await app.WithDbAsync(db => Task.FromResult(db.Merchants.Single(m => m.Id == approved.MerchantId)));
        merchant.Status.ShouldBe(MerchantStatus.Active);
        (await owner.GetAsync($"/files/{sharper}")).Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        await app.AssertLedgerBalancedAsync();
    }

    internal static async Task DeliverAsync(TestApp app)
    {
        while (await app.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None) > 0)
        {
        }
    }

    internal static async Task<List<NotificationView>> InboxAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<NotificationView>>("/api/me/notifications"))!;
}
