using LocalLoop.Deals;
using LocalLoop.Ledger;
using LocalLoop.Ordering;
using LocalLoop.Payments;
using LocalLoop.Platform;
using LocalLoop.Platform.Data;
using LocalLoop.Reviews;
using LocalLoop.Vouchers;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Operations;

/// <summary>
/// Two weeks of past business for the demo merchant, so its dashboard, the operator's chart and the store's
/// reviews show something on first start. Every purchase and verification posts the same balanced ledger
/// transactions the live flow posts, so the demo ledger sums to zero like any other. Some unused vouchers were refunded
/// on request, and those of the short deals that expired unused were refunded at expiry or, under 不可退, lost.
/// </summary>
internal static class DemoHistory
{
    private static readonly string[] ReviewTexts = ["锅底很香，服务热情。", "Great value, will come back.", "排队有点久，但味道值得。", "肥牛新鲜，环境干净。"];

    public static async Task SeedAsync(AppDbContext db, LedgerPostings ledger, DateTimeOffset now, Guid merchantId, Guid consumerId, string consumerName, Guid clerkId)
    {
        var random = new Random(1121);
        var deals = await db.Deals.Include(d => d.Stores).Where(d => d.MerchantId == merchantId).OrderBy(d => d.Title).ToListAsync();
        var rate = new CommissionRate(await db.Merchants.Where(m => m.Id == merchantId).Select(m => m.CommissionRateBasisPoints).SingleAsync());
        var wallet = Accounts.ConsumerWallet(consumerId);
        var spent = Money.Zero;
        var refunded = Money.Zero;

        for (var i = 0; i < 36; i++)
        {
            var deal = deals[i % deals.Count];
            var quantity = 1 + random.Next(2);
            var paidAt = now.AddDays(-random.Next(1, 14)).AddHours(-random.Next(0, 10));
            var total = new Money(deal.PriceFen) * quantity;
            spent += total;
            var (order, payment) = PaidFromWallet(db, ledger, deal, quantity, consumerId, rate, paidAt);

            var (validFrom, expiresAt) = deal.Rules.Period(paidAt, deal.ValidityDays);
            foreach (var value in total.SplitEvenly(quantity))
            {
                var voucher = new Voucher
                {
                    Id = Guid.CreateVersion7(), Code = VoucherCode.NewRandom().Value, OrderId = order.Id, ConsumerId = consumerId, MerchantId = merchantId,
                    DealId = deal.Id, DealTitle = deal.Title, ValueFen = value.Fen, CommissionRateBasisPoints = rate.BasisPoints,
                    State = VoucherState.Issued, IssuedAt = paidAt, ValidFrom = validFrom, ExpiresAt = expiresAt,
                    RefundPolicy = deal.RefundPolicy, Rules = deal.Rules,
                };
                db.Vouchers.Add(voucher);
                var verifiedAt = paidAt.AddHours(1 + random.Next(30));
                if (random.NextDouble() < 0.7 && verifiedAt < now)
                {
                    var storeId = deal.Stores[0].StoreId;
                    var commission = value.ShareAt(rate);
                    voucher.State = VoucherState.Verified;
                    voucher.VerifiedAt = verifiedAt;
                    voucher.VerifiedByUserId = clerkId;
                    voucher.VerifiedAtStoreId = storeId;
                    voucher.CommissionFen = commission.Fen;
                    voucher.UsesLeft = 0;
                    voucher.UsedValueFen = value.Fen;
                    ledger.Post("verification", voucher.Id, (Accounts.PlatformEscrow, -value), (Accounts.MerchantPending(merchantId), value - commission), (Accounts.PlatformRevenue, commission));
                    db.VerificationAttempts.Add(new VerificationAttempt
                    {
                        Id = Guid.CreateVersion7(), MerchantId = merchantId, ClerkUserId = clerkId, StoreId = storeId, Code = voucher.Code,
                        VoucherId = voucher.Id, Succeeded = true, Outcome = "verified", OutcomeZh = "已核销", At = verifiedAt, ValueFen = value.Fen, CommissionFen = commission.Fen,
                    });
                    if (i % 3 == 0)
                    {
                        voucher.ReviewedAt = verifiedAt.AddHours(2);
                        db.Reviews.Add(new Review
                        {
                            Id = Guid.CreateVersion7(), VoucherId = voucher.Id, ConsumerId = consumerId, ConsumerName = consumerName, MerchantId = merchantId,
                            StoreId = storeId, DealId = deal.Id, Rating = 4 + random.Next(2), Text = ReviewTexts[i % ReviewTexts.Length], CreatedAt = verifiedAt.AddHours(2),
                        });
                    }
                }
                else if (RefundedAt(voucher, now, random) is { } refundedAt)
                {
                    voucher.State = VoucherState.Refunded;
                    voucher.RefundedAt = refundedAt;
                    var refund = new Refund
                    {
                        Id = Guid.CreateVersion7(), PaymentId = payment.Id, VoucherId = voucher.Id, ConsumerId = consumerId, Method = PaymentMethod.Wallet,
                        AmountFen = value.Fen, CreatedAt = refundedAt,
                    };
                    db.Refunds.Add(refund);
                    ledger.Post("refund", refund.Id, (Accounts.PlatformEscrow, -value), (wallet, value));
                    refunded += value;
                }
            }
        }

        spent += await SeedCardsAsync(db, ledger, now, merchantId, consumerId, clerkId, deals[0].Stores[0].StoreId, rate);

        // The consumer topped up what the history spent (less what came back), so the wallet keeps its demo balance.
        var topUp = spent - refunded;
        ledger.Post("demo-topup", consumerId, (Accounts.DemoFunding, -topUp), (wallet, topUp));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A lunch card (次卡) of ten uses, bought four times over the last four weeks and used about twice a week since, one
    /// use at a time through the same arithmetic and ledger transactions as the counter (<see cref="CardUses.Next"/>):
    /// the oldest card is used up, the others are part used. Answers what the cards cost.
    /// </summary>
    private static async Task<Money> SeedCardsAsync(AppDbContext db, LedgerPostings ledger, DateTimeOffset now, Guid merchantId, Guid consumerId, Guid clerkId, Guid storeId, CommissionRate rate)
    {
        const int uses = 10;
        var deal = new Deal
        {
            Id = Guid.CreateVersion7(), MerchantId = merchantId, Title = "午市套餐 10 次卡", Category = "food",
            Contents = "工作日午市单人套餐，10 次 / weekday lunch set for one, 10 visits · 随时退 · 过期自动退", PriceFen = 45_800, OriginalPriceFen = 58_000,
            ValidityDays = 90, RefundPolicy = RefundPolicy.AnyTime, Rules = ValidityRules.None, UsesPerVoucher = uses, Status = DealStatus.Approved,
            SoldCount = 4, CreatedAt = now.AddDays(-30), Stores = [new DealStore { StoreId = storeId }],
        };
        db.Deals.Add(deal);
        var spent = Money.Zero;
        foreach (var daysAgo in new[] { 27, 19, 12, 4 })
        {
            var paidAt = now.AddDays(-daysAgo).AddHours(-3);
            var price = new Money(deal.PriceFen);
            spent += price;
            var (order, _) = PaidFromWallet(db, ledger, deal, 1, consumerId, rate, paidAt);
            var voucher = new Voucher
            {
                Id = Guid.CreateVersion7(), Code = VoucherCode.NewRandom().Value, OrderId = order.Id, ConsumerId = consumerId, MerchantId = merchantId,
                DealId = deal.Id, DealTitle = deal.Title, ValueFen = price.Fen, CommissionRateBasisPoints = rate.BasisPoints, State = VoucherState.Issued,
                IssuedAt = paidAt, ValidFrom = paidAt, ExpiresAt = paidAt.AddDays(deal.ValidityDays), RefundPolicy = deal.RefundPolicy, Rules = deal.Rules,
                TotalUses = uses, UsesLeft = uses,
            };
            db.Vouchers.Add(voucher);

            // About twice a week, from the day after purchase until now or the last use.
            for (var usedAt = paidAt.AddDays(1); usedAt < now && voucher.UsesLeft > 0; usedAt = usedAt.AddDays(3 + voucher.UsesLeft % 2))
            {
                var (value, commission) = CardUses.Next(voucher.ValueFen, voucher.UsedValueFen, voucher.UsesLeft, voucher.CommissionFen ?? 0, rate.BasisPoints);
                voucher.UsesLeft--;
                voucher.UsedValueFen += value.Fen;
                voucher.CommissionFen = (voucher.CommissionFen ?? 0) + commission.Fen;
                // Like the counter: each use stamps the last verification; the last use closes the card.
                (voucher.VerifiedAt, voucher.VerifiedByUserId, voucher.VerifiedAtStoreId) = (usedAt, clerkId, storeId);
                voucher.State = voucher.UsesLeft == 0 ? VoucherState.Verified : VoucherState.Issued;

                ledger.Post("verification", voucher.Id, (Accounts.PlatformEscrow, -value), (Accounts.MerchantPending(merchantId), value - commission), (Accounts.PlatformRevenue, commission));
                db.VerificationAttempts.Add(new VerificationAttempt
                {
                    Id = Guid.CreateVersion7(), MerchantId = merchantId, ClerkUserId = clerkId, StoreId = storeId, Code = voucher.Code, VoucherId = voucher.Id,
                    Succeeded = true, Outcome = "verified", OutcomeZh = "已核销", At = usedAt, ValueFen = value.Fen, CommissionFen = commission.Fen,
                });
            }
        }

        await db.SaveChangesAsync();
        return spent;
    }

    /// <summary>A paid order of the deal and its wallet payment, with the payment's ledger transaction, as checkout and payment leave them.</summary>
    private static (Order Order, Payment Payment) PaidFromWallet(AppDbContext db, LedgerPostings ledger, Deal deal, int quantity, Guid consumerId, CommissionRate rate, DateTimeOffset paidAt)
    {
        var total = new Money(deal.PriceFen) * quantity;
        var order = new Order
        {
            Id = Guid.CreateVersion7(), ConsumerId = consumerId, MerchantId = deal.MerchantId, DealId = deal.Id, DealTitle = deal.Title, Quantity = quantity,
            UnitPriceFen = deal.PriceFen, TotalFen = total.Fen, CommissionRateBasisPoints = rate.BasisPoints, State = OrderState.Paid,
            CreatedAt = paidAt.AddMinutes(-1), PaidAt = paidAt,
        };
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(), OrderId = order.Id, ConsumerId = consumerId, Method = PaymentMethod.Wallet, AmountFen = total.Fen,
            State = PaymentState.Succeeded, TradeNo = "LLDEMO" + Guid.CreateVersion7().ToString("N")[..18].ToUpperInvariant(), CreatedAt = paidAt, SucceededAt = paidAt,
        };
        db.Orders.Add(order);
        db.Payments.Add(payment);
        ledger.Post("payment", payment.Id, (Accounts.ConsumerWallet(consumerId), -total), (Accounts.PlatformEscrow, total));
        return (order, payment);
    }

    /// <summary>When an unused voucher was refunded: at expiry if it expired under a policy that refunds then, on request now and then under 随时退, else never.</summary>
    private static DateTimeOffset? RefundedAt(Voucher voucher, DateTimeOffset now, Random random)
    {
        if (voucher.ExpiresAt <= now)
        {
            return voucher.RefundPolicy.RefundedAtExpiry() ? voucher.ExpiresAt.AddMinutes(1) : null;
        }

        var requestedAt = voucher.IssuedAt.AddHours(2 + random.Next(48));
        return voucher.RefundPolicy.RefundableOnRequest() && random.NextDouble() < 0.3 && requestedAt < now ? requestedAt : null;
    }
}
