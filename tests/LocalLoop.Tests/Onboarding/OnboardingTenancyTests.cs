using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Onboarding;

/// <summary>
/// Private documents reach only their uploader, the merchant's owner and reviewers; store photos are managed only
/// by the store's own merchant; consumers reach no reviewer or admin endpoint of onboarding.
/// </summary>
public sealed class OnboardingTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_applicants_document_and_application_answer_404(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var applicant = await scenario.NewConsumerAsync(0);
        var stranger = await scenario.NewConsumerAsync(0);
        var request = await Scenario.ApplicationAsync(applicant.Client);
        var application = await applicant.Client.PostAsJsonAsync("/api/merchant-applications", request).ShouldReturnAsync<ApplicationView>(201);
        var licence = request.LicenceFileId!.Value;

        await stranger.Client.GetAsync($"/files/{licence}").ShouldBeProblemAsync(404, "not_found");
        await app.Anonymous().GetAsync($"/files/{licence}").ShouldBeProblemAsync(404, "not_found");
        await (await applicant.Client.GetAsync($"/files/{licence}")).ShouldHaveStatusAsync(200);
        await (await (await app.SignInAsync(TestApp.ReviewerEmail)).GetAsync($"/files/{licence}")).ShouldHaveStatusAsync(200);
        await (await (await app.SignInAsync(TestApp.AdminEmail)).GetAsync($"/files/{licence}")).ShouldHaveStatusAsync(200);

        // Nor can the stranger attach it to their own application, or resubmit someone else's.
        await stranger.Client.PostAsJsonAsync("/api/merchant-applications", request).ShouldBeProblemAsync(400, "validation_failed");
        await stranger.Client.PutAsJsonAsync($"/api/merchant-applications/{application.Id}", await Scenario.ApplicationAsync(stranger.Client))
            .ShouldBeProblemAsync(404, "not_found");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Another_merchants_store_photos_answer_404_and_its_photo_files_cannot_be_attached(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var a = await scenario.NewMerchantAsync();
        var b = await scenario.NewMerchantAsync();
        var ofB = await Scenario.UploadAsync(b.Owner, "StorePhoto", TestImages.Png, "b.png");
        var photoOfB = await b.Owner.PostAsJsonAsync($"/api/merchant/stores/{b.HonouringStoreId}/photos", new AddStorePhotoRequest(ofB))
            .ShouldReturnAsync<StorePhotoView>(201);
        var url = $"/api/merchant/stores/{b.HonouringStoreId}/photos";

        await a.Owner.GetAsync(url).ShouldBeProblemAsync(404, "not_found");
        await a.Owner.PostAsJsonAsync(url, new AddStorePhotoRequest(ofB)).ShouldBeProblemAsync(404, "not_found");
        await a.Owner.PutAsJsonAsync($"{url}/order", new ReorderStorePhotosRequest([photoOfB.Id])).ShouldBeProblemAsync(404, "not_found");
        await a.Owner.DeleteAsync($"{url}/{photoOfB.Id}").ShouldBeProblemAsync(404, "not_found");
        await a.Owner.DeleteAsync($"/api/merchant/stores/{a.HonouringStoreId}/photos/{photoOfB.Id}").ShouldBeProblemAsync(404, "not_found");
        (await a.Owner.GetAsync($"/merchant/stores/{b.HonouringStoreId}/photos")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        // B's uploaded file cannot be hung in A's store either.
        await a.Owner.PostAsJsonAsync($"/api/merchant/stores/{a.HonouringStoreId}/photos", new AddStorePhotoRequest(ofB))
            .ShouldBeProblemAsync(400, "validation_failed");

        var stillThere = await app.Anonymous().GetFromJsonAsync<List<StorePhotoView>>($"/api/stores/{b.HonouringStoreId}/photos");
        stillThere!.Single().Id.ShouldBe(photoOfB.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task A_consumer_reaches_no_reviewer_or_admin_endpoint_and_a_reviewer_cannot_freeze(string database)
    {
        var app = await fixture.For(database);
        var scenario = new Scenario(app);
        var merchant = await scenario.NewMerchantAsync();
        var consumer = await scenario.NewConsumerAsync(0);
        var reviewer = await app.SignInAsync(TestApp.ReviewerEmail);
        var someId = Guid.NewGuid();

        foreach (var client in new[] { consumer.Client, merchant.Owner, merchant.Clerk })
        {
            await (await client.PostAsJsonAsync($"/api/admin/merchant-applications/{someId}/request-changes", new RequestChangesRequest("x"))).ShouldHaveStatusAsync(403);
            await (await client.PostAsJsonAsync($"/api/admin/merchants/{merchant.MerchantId}/freeze", new FreezeRequest("x"))).ShouldHaveStatusAsync(403);
            await (await client.PostAsync($"/api/admin/merchants/{merchant.MerchantId}/unfreeze", null)).ShouldHaveStatusAsync(403);
            await (await client.GetAsync("/api/admin/merchants")).ShouldHaveStatusAsync(403);
        }

        await (await reviewer.PostAsJsonAsync($"/api/admin/merchants/{merchant.MerchantId}/freeze", new FreezeRequest("x"))).ShouldHaveStatusAsync(403);
        await (await consumer.Client.GetAsync("/admin/merchants/manage")).ShouldHaveStatusAsync(403);
        await (await merchant.Clerk.PostAsJsonAsync($"/api/merchant/stores/{merchant.HonouringStoreId}/photos", new AddStorePhotoRequest(someId))).ShouldHaveStatusAsync(403);
        (await app.WithDbAsync(db => Task.FromResult(db.Merchants.Single(m => m.Id == merchant.MerchantId).Status))).ShouldBe(MerchantStatus.Active);
    }
}
