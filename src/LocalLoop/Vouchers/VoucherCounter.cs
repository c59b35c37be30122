using System.Text.Json.Serialization;
using LocalLoop.Platform;
using Microsoft.EntityFrameworkCore;

namespace LocalLoop.Vouchers;

/// <summary>One of the customer's vouchers as the counter sees it: the code masked but for its last four digits, and whether it can be used at the chosen store now (and if not, why).</summary>
/// <param name="UsesLeft">Uses left of its <paramref name="TotalUses"/> (a card shows "剩余 7/10 次").</param>
public sealed record CounterVoucher(Guid Id, string MaskedCode, string DealTitle, long ValueFen, DateTimeOffset ExpiresAt, string State,
    bool UsableHere, string? ReasonCode, string? Reason, string? ReasonZh, List<string>? Rules = null, List<string>? RulesZh = null, int UsesLeft = 1, int TotalUses = 1);

/// <param name="Phone">The phone number masked (138****8000): the clerk typed it, the screen need not repeat it.</param>
public sealed record PhoneLookupResult(string ConsumerName, string Phone, Guid StoreId, string StoreName, List<CounterVoucher> Vouchers);

/// <summary>Either the vouchers picked after a phone lookup (by id) or typed codes; not both.</summary>
public sealed record BatchVerifyRequest(Guid StoreId, List<Guid>? VoucherIds = null, List<string>? Codes = null);

public sealed record BatchVerificationResult(string StoreName, List<VerificationResult> Verified, long TotalValueFen);

/// <summary>One listed voucher of a refused batch and why it could not be used (null reason: it could have been, but the batch is all-or-nothing).</summary>
public sealed record BatchItem(
    [property: JsonPropertyName("voucherId")] Guid? VoucherId,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("dealTitle")] string? DealTitle,
    [property: JsonPropertyName("usable")] bool Usable,
    [property: JsonPropertyName("reasonCode")] string? ReasonCode,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("reasonZh")] string? ReasonZh);

/// <summary>A batch of which nothing was verified: 409 (or 404 when a listed voucher is not this merchant's), with every listed voucher's reason as the <c>items</c> extension.</summary>
public sealed class BatchRefusedException(string code, string message, string chinese, int status, IReadOnlyList<BatchItem> items)
    : DomainException(code, message, chinese, status)
{
    public IReadOnlyList<BatchItem> Items { get; } = items;

    public static BatchRefusedException Of(IReadOnlyList<BatchItem> items, int status) => new(
        status == StatusCodes.Status404NotFound ? "voucher_not_found" : "batch_refused",
        $"Nothing was verified: {items.Count(i => !i.Usable)} of {items.Count} vouchers cannot be used here now.",
        $"所选的券均未核销：{items.Count} 张中有 {items.Count(i => !i.Usable)} 张不能在本店使用。", status, items);
}

/// <summary>
/// The counter beyond one typed code: find a customer's vouchers by phone number, and verify several at once
/// ("a table of four"). Both use the same rules as a typed code (<see cref="Refusal"/>), the same rate limit,
/// the same conditional update and the same ledger settlement, log row and notification per voucher.
/// </summary>
public sealed partial class VoucherVerification
{
    public const int MaxBatchSize = 20;
    public const int MaxLookupVouchers = 50;

    /// <summary>
    /// The vouchers of this merchant held by the customer with this phone number. A phone number that matches
    /// no customer of this merchant is 404 whether or not someone on the platform has it (the counter must not
    /// learn who else is registered), and counts as a failed attempt: guessing phone numbers is paused like
    /// guessing codes.
    /// </summary>
    public async Task<PhoneLookupResult> LookUpByPhoneAsync(Guid merchantId, Guid clerkUserId, Guid storeId, string? phone)
    {
        var now = clock.GetUtcNow();
        var store = await OpenCounterAsync(merchantId, clerkUserId, storeId, PhoneNumbers.Mask(phone ?? ""), now);
        if (!PhoneNumbers.TryNormalise(phone, out var national))
        {
            await LogFailureAsync(merchantId, clerkUserId, store.Id, PhoneNumbers.Mask(phone ?? ""), null, "phone lookup: malformed phone number", "手机号查询：手机号格式不对", now);
            throw Validation.Single("phone", "Enter the customer's mobile number: 5 to 20 digits (+86, spaces and dashes allowed).",
                "请输入顾客的手机号：5 到 20 位数字（可带 +86、空格和短横线）。");
        }

        // Phone numbers are stored as typed: compare without spaces and dashes, with or without the country code.
        var forms = PhoneNumbers.StoredForms(national);
        var users = await db.Users.AsNoTracking()
            .Where(u => u.PhoneNumber != null && forms.Contains(u.PhoneNumber.Replace(" ", "").Replace("-", "")))
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync();
        var userIds = users.Select(u => u.Id).ToList();
        var vouchers = userIds.Count == 0 ? [] : await db.Vouchers.AsNoTracking()
            .Where(v => v.MerchantId == merchantId && userIds.Contains(v.ConsumerId))
            .OrderBy(v => v.State == VoucherState.Issued ? 0 : 1).ThenByDescending(v => v.IssuedAt).ThenBy(v => v.Id)
            .Take(MaxLookupVouchers).ToListAsync();
        if (vouchers.Count == 0)
        {
            await LogFailureAsync(merchantId, clerkUserId, store.Id, PhoneNumbers.Mask(national), null, "phone lookup: no customer with this phone", "手机号查询：没有使用该手机号的顾客", now);
            throw new DomainException("unknown_phone", "No customer of this merchant has this phone number.",
                "本商家没有使用这个手机号的顾客，请核对后重新输入。", StatusCodes.Status404NotFound);
        }

        var honoured = await HonouredDealsAsync(store.Id, vouchers);
        var rules = await RuleContextAsync(store.Id, vouchers, now);
        var list = vouchers.Select(v => (v, refusal: Refusal(v, honoured.Contains(v.DealId), store.Name, now, rules)))
            .OrderBy(x => x.refusal is null ? 0 : 1)
            .Select(x => new CounterVoucher(x.v.Id, VoucherCode.Mask(x.v.Code), x.v.DealTitle, x.v.ValueFen, x.v.ExpiresAt, x.v.State.ToString(),
                x.refusal is null, x.refusal?.Code, x.refusal?.English, x.refusal?.Chinese, x.v.Rules.Describe(chinese: false), x.v.Rules.Describe(chinese: true), x.v.UsesLeft, x.v.TotalUses))
            .ToList();
        var holders = vouchers.Select(v => v.ConsumerId).ToHashSet();
        var name = string.Join(" / ", users.Where(u => holders.Contains(u.Id)).Select(u => u.DisplayName));
        return new PhoneLookupResult(name, PhoneNumbers.Mask(national), store.Id, store.Name, list);
    }

    /// <summary>
    /// Verifies every listed voucher of this merchant at one store (one use of each: a card listed gives one use), or none. All-or-nothing, by decision: the
    /// clerk serves one table, and "three of four went through" would leave them to sort out which one to
    /// settle differently while the customer waits; a refused batch instead names each voucher's reason, so
    /// they drop the unusable one and try again. Every state change runs in one transaction, in a fixed
    /// (id) order so two clerks' overlapping batches queue on the same row first rather than deadlock; if one
    /// loses a race, the whole transaction is rolled back. Each success gets its own log row, ledger
    /// transaction and notification, exactly as a single verification.
    /// </summary>
    public async Task<BatchVerificationResult> VerifyBatchAsync(Guid merchantId, Guid clerkUserId, BatchVerifyRequest request)
    {
        var now = clock.GetUtcNow();
        var ids = request.VoucherIds ?? [];
        var typed = request.Codes ?? [];
        var byCode = typed.Count > 0;
        var store = await OpenCounterAsync(merchantId, clerkUserId, request.StoreId, byCode ? string.Join(",", typed) : "", now);

        var errors = new Validation();
        errors.Check("vouchers", (ids.Count > 0) != byCode, "Choose the vouchers to verify: by id or by code, not both.", "请选择要核销的券（券 ID 或券码，二选一）。");
        errors.Check("vouchers", ids.Count + typed.Count <= MaxBatchSize, $"At most {MaxBatchSize} vouchers at once.", $"一次最多核销 {MaxBatchSize} 张券。");
        errors.Check("vouchers", ids.Distinct().Count() == ids.Count, "A voucher is listed twice.", "同一张券被选了两次。");
        errors.ThrowIfAny();

        var codes = new List<string>();
        foreach (var input in typed)
        {
            if (!VoucherCode.TryParse(input, out var code))
            {
                await LogFailureAsync(merchantId, clerkUserId, store.Id, input, null, "malformed code", "券码格式不对", now);
                throw Validation.Single("codes", $"\"{input}\" is not a voucher code: a voucher code has 12 digits.", $"“{input}”不是券码：券码为 12 位数字。");
            }

            codes.Add(code.Value);
        }

        if (codes.Distinct().Count() != codes.Count)
        {
            throw Validation.Single("codes", "A code is listed twice.", "同一个券码输入了两次。");
        }

        var vouchers = byCode
            ? await db.Vouchers.AsNoTracking().Where(v => v.MerchantId == merchantId && codes.Contains(v.Code)).ToListAsync()
            : await db.Vouchers.AsNoTracking().Where(v => v.MerchantId == merchantId && ids.Contains(v.Id)).ToListAsync();
        var honoured = await HonouredDealsAsync(store.Id, vouchers);
        var rules = await RuleContextAsync(store.Id, vouchers, now);
        var listed = byCode
            ? codes.Select(c => (key: c, voucher: vouchers.SingleOrDefault(v => v.Code == c))).ToList()
            : ids.Select(id => (key: id.ToString(), voucher: vouchers.SingleOrDefault(v => v.Id == id))).ToList();
        var batch = listed.Select(x => x.voucher).ToList();
        List<(Voucher? voucher, VoucherRefusal? refusal)> items = listed.Select((x, i) => (x.voucher, x.voucher is null
                ? (byCode ? UnknownCode : NotThisMerchants)
                : Refusal(x.voucher, honoured.Contains(x.voucher.DealId), store.Name, now, rules, EarlierInBatch(batch, i))))
            .ToList();
        if (items.Any(i => i.refusal is not null))
        {
            var missing = items.Any(i => i.voucher is null);
            await RefuseBatchAsync(merchantId, clerkUserId, store.Id, byCode, listed.Select(l => l.key).ToList(), items, now);
            throw BatchRefusedException.Of(BatchItems(byCode, listed.Select(l => l.key).ToList(), items),
                missing ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        await LockVisitsAsync(vouchers);
        if (vouchers.Any(v => v.Rules.PerVisitLimit is not null))
        {
            // Counted again under the lock: another clerk may have verified this customer's vouchers of a deal meanwhile.
            var locked = await RuleContextAsync(store.Id, vouchers, now);
            var recounted = items.Select((x, i) => (x.voucher, refusal: Refusal(x.voucher!, true, store.Name, now, locked, EarlierInBatch(batch, i)))).ToList();
            if (recounted.Any(i => i.refusal is not null))
            {
                await transaction.RollbackAsync();
                await RefuseBatchAsync(merchantId, clerkUserId, store.Id, byCode, listed.Select(l => l.key).ToList(), recounted, now);
                throw BatchRefusedException.Of(BatchItems(byCode, listed.Select(l => l.key).ToList(), recounted), StatusCodes.Status409Conflict);
            }
        }

        var uses = new Dictionary<Guid, ConsumedUse>();
        foreach (var voucher in vouchers.OrderBy(v => v.Id))
        {
            if (await TryConsumeAsync(voucher, clerkUserId, store.Id, now) is { } use)
            {
                uses[voucher.Id] = use;
            }
            else
            {
                await transaction.RollbackAsync();
                // Someone changed one of them meanwhile (another clerk, a refund): explain each as it is now.
                var current = new List<(Voucher? voucher, VoucherRefusal? refusal)>();
                foreach (var item in items)
                {
                    var fresh = await db.Vouchers.AsNoTracking().SingleAsync(v => v.Id == item.voucher!.Id);
                    current.Add((fresh, Refusal(fresh, honoured.Contains(fresh.DealId), store.Name, now, rules, EarlierInBatch(batch, current.Count))
                        ?? (fresh.Id == voucher.Id ? await LostRaceReasonAsync(fresh.Id, store.Id, store.Name, now) : null)));
                }

                await RefuseBatchAsync(merchantId, clerkUserId, store.Id, byCode, listed.Select(l => l.key).ToList(), current, now);
                throw BatchRefusedException.Of(BatchItems(byCode, listed.Select(l => l.key).ToList(), current), StatusCodes.Status409Conflict);
            }
        }

        var verified = items.Select(i => RecordConsumption(merchantId, clerkUserId, i.voucher!, uses[i.voucher!.Id], store.Id, store.Name,
            byCode ? i.voucher!.Code : VoucherCode.Mask(i.voucher!.Code), now)).ToList();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return new BatchVerificationResult(store.Name, verified, verified.Sum(v => v.ValueFen));
    }

    private static readonly VoucherRefusal NotThisMerchants = new("not_found", "No voucher of this merchant has this id.", "找不到本商家的这张券。");

    private async Task<HashSet<Guid>> HonouredDealsAsync(Guid storeId, List<Voucher> vouchers)
    {
        var dealIds = vouchers.Select(v => v.DealId).Distinct().ToList();
        return (await db.DealStores.AsNoTracking().Where(ds => ds.StoreId == storeId && dealIds.Contains(ds.DealId)).Select(ds => ds.DealId).ToListAsync()).ToHashSet();
    }

    /// <summary>Logs each refused voucher of a refused batch, as a typed code would be: an unknown one counts towards the pause.</summary>
    private async Task RefuseBatchAsync(Guid merchantId, Guid clerkUserId, Guid storeId, bool byCode, List<string> keys,
        List<(Voucher? voucher, VoucherRefusal? refusal)> items, DateTimeOffset now)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].refusal is { } refusal)
            {
                var logged = items[i].voucher is { } v ? (byCode ? v.Code : VoucherCode.Mask(v.Code)) : (byCode ? keys[i] : "");
                await LogFailureAsync(merchantId, clerkUserId, storeId, logged, items[i].voucher?.Id, $"batch: {refusal.English}", $"批量核销：{refusal.Chinese}", now);
            }
        }
    }

    private static List<BatchItem> BatchItems(bool byCode, List<string> keys, List<(Voucher? voucher, VoucherRefusal? refusal)> items) =>
        items.Select((x, i) => new BatchItem(x.voucher?.Id ?? (byCode ? null : Guid.Parse(keys[i])),
            x.voucher is { } v ? (byCode ? v.Code : VoucherCode.Mask(v.Code)) : (byCode ? keys[i] : ""),
            x.voucher?.DealTitle, x.refusal is null, x.refusal?.Code, x.refusal?.English, x.refusal?.Chinese)).ToList();
}
