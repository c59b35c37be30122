using LocalLoop.Discovery;
using LocalLoop.Platform;
using LocalLoop.Vouchers;

namespace LocalLoop.ExternalCodes;

/// <summary>What the clerk reads when an external platform refuses or cannot be reached, in English and Chinese.</summary>
public static class ExternalRefusals
{
    public static DomainException Of(ExternalPlatformException failure, IExternalVoucherProvider provider)
    {
        var (en, zh) = (provider.Name(false), provider.Name(true));
        return failure.Failure switch
        {
            ExternalFailure.UnknownCode => new DomainException("unknown_code", $"{en} knows no code with this number for your shop.",
                $"{zh}上没有本店的这个券码，请核对后重新输入。", StatusCodes.Status404NotFound),
            ExternalFailure.Used => DomainException.Conflict("already_verified", $"{en} says this code has already been used.", $"{zh}显示该券码已使用，不能重复核销。"),
            ExternalFailure.Expired => DomainException.Conflict("expired", $"{en} says this code has expired.", $"{zh}显示该券码已过期，不能使用。"),
            ExternalFailure.CredentialsRejected => new DomainException("platform_rejected_credentials",
                $"{en} rejected our signed request: the shop id or secret is wrong or was changed. Ask the owner to link the shop again. Nothing was consumed.",
                $"{zh}拒绝了签名请求：平台门店 ID 或密钥有误或已更换，请店主重新绑定。本次未核销。", StatusCodes.Status502BadGateway),
            ExternalFailure.Unavailable => Unavailable(provider),
            _ => new DomainException("platform_refused", $"{en} refused the request ({failure.RemoteCode}). Nothing was consumed.",
                $"{zh}拒绝了本次请求（{failure.RemoteCode}），本次未核销。", StatusCodes.Status502BadGateway),
        };
    }

    /// <summary>The platform did not answer, and we know nothing was consumed.</summary>
    public static DomainException Unavailable(IExternalVoucherProvider provider) => new("platform_unavailable",
        $"{provider.Name(false)} is not answering right now. Nothing was consumed; try again in a moment.",
        $"{provider.Name(true)}暂时无法访问，本次未核销，请稍后重试。", StatusCodes.Status503ServiceUnavailable);

    /// <summary>The platform did not answer a consume, nor whether it made it: the clerk retries the same request, which consumes at most once.</summary>
    public static DomainException Unconfirmed(IExternalVoucherProvider provider) => new("platform_unconfirmed",
        $"{provider.Name(false)} did not answer, so we cannot tell yet whether the code was consumed; it is not counted. Press verify again: the retry repeats the same request and can never consume twice.",
        $"{provider.Name(true)}没有响应，暂时无法确认是否已核销，本次不计入。请再次点击核销：重试沿用同一请求，不会重复核销。",
        StatusCodes.Status503ServiceUnavailable);

    public static VoucherRefusal Expired(string platformEn, string platformZh, DateTimeOffset until) => new("expired",
        $"{platformEn} says this code expired on {until:yyyy-MM-dd}.", $"{platformZh}显示该券码已于 {ConsumerFormat.Date(until)} 过期，不能使用。");

    public static VoucherRefusal Used(string platformEn, string platformZh, DateTimeOffset? at) => new("already_verified",
        at is { } used ? $"{platformEn} says this code was already used on {used:yyyy-MM-dd HH:mm} (UTC)." : $"{platformEn} says this code has already been used.",
        at is { } usedZh ? $"{platformZh}显示该券码已于 {ConsumerFormat.DateTime(usedZh)} 核销，不能重复使用。" : $"{platformZh}显示该券码已使用，不能重复核销。");
}
