using System.Net.Http.Json;
using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using LocalLoop.Tests.Tenancy;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace LocalLoop.Tests.Races;

/// <summary>Two owner sessions saving one clerk's stores at the same moment: both are answered, the last save wins whole, never a 500.</summary>
public sealed class StaffStoresRaceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const int Rounds = 8;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Two_owners_saving_one_clerks_stores_at_once_leave_one_whole_assignment(string database)
    {
        var app = await fixture.For(database);
        var m = await new Scenario(app).NewMerchantAsync();
        var secondOwner = await app.SignInAsync(m.OwnerEmail);
        var clerkId = await StorePermissionTenancyTests.ClerkIdAsync(m);
        List<Guid> onlyA = [m.HonouringStoreId];
        List<Guid> both = [m.HonouringStoreId, m.OtherStoreId];

        for (var round = 0; round < Rounds; round++)
        {
            var responses = await Task.WhenAll(
                m.Owner.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest(round % 2 == 0 ? onlyA : both)),
                secondOwner.PutAsJsonAsync($"/api/merchant/staff/{clerkId}/stores", new StoreAssignmentRequest(round % 2 == 0 ? both : onlyA)));
            foreach (var response in responses)
            {
                ((int)response.StatusCode).ShouldBe(200, await response.Content.ReadAsStringAsync());
            }

            var saved = await app.WithDbAsync(db => db.StaffStores.AsNoTracking().Where(s => s.UserId == clerkId).Select(s => s.StoreId).ToListAsync());
            (saved.Order().SequenceEqual(onlyA.Order()) || saved.Order().SequenceEqual(both.Order())).ShouldBeTrue("one owner's save stands whole");
        }
    }
}
