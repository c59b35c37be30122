using System.Globalization;
using LocalLoop.Platform;
using LocalLoop.Platform.Identity;
using LocalLoop.Platform.Localization;
using LocalLoop.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalLoop.Payments;

/// <summary>Operators manage the top-up bonus rules: list with pause/resume, a form to add a tier.</summary>
[Authorize(Policy = Policies.Operator)]
public sealed class BonusRulesModel(TopUpBonuses bonuses, Text text) : PageModel
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public List<TopUpBonusRule> Rules { get; private set; } = [];

    [BindProperty]
    public RuleInput Input { get; set; } = new();

    [TempData]
    public string? Saved { get; set; }

    public async Task OnGetAsync() => Rules = await bonuses.ListAllAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var ok = ConsoleFormat.TryParseYuan(Input.Threshold, out var threshold) & ConsoleFormat.TryParseYuan(Input.Bonus, out var bonus);
        var starts = ParseTime(Input.StartsAt, nameof(Input.StartsAt));
        var ends = ParseTime(Input.EndsAt, nameof(Input.EndsAt));
        if (!ok)
        {
            ModelState.AddModelError(string.Empty, text["payflow.rules.badMoney"]);
        }

        if (ModelState.IsValid)
        {
            try
            {
                await bonuses.CreateAsync(new BonusRuleRequest(threshold, bonus, starts, ends, Active: true));
                Saved = text["payflow.rules.saved"];
                return RedirectToPage();
            }
            catch (DomainException ex)
            {
                PageErrors.AddTo(ModelState, ex);
            }
        }

        Rules = await bonuses.ListAllAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active)
    {
        var rule = (await bonuses.ListAllAsync()).SingleOrDefault(r => r.Id == id);
        if (rule is null)
        {
            return NotFound();
        }

        await bonuses.UpdateAsync(id, new BonusRuleRequest(rule.MinAmountFen, rule.BonusFen, rule.StartsAt, rule.EndsAt, active));
        Saved = text["payflow.rules.saved"];
        return RedirectToPage();
    }

    /// <summary>A China-time "yyyy-MM-dd HH:mm" (or the browser's datetime-local "T" form); empty is no limit.</summary>
    private DateTimeOffset? ParseTime(string? input, string field)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        if (DateTime.TryParseExact(input.Trim().Replace('T', ' '), "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, Beijing).ToUniversalTime();
        }

        ModelState.AddModelError($"Input.{field}", text["payflow.rules.badTime"]);
        return null;
    }

    public sealed class RuleInput
    {
        public string? Threshold { get; set; }
        public string? Bonus { get; set; }
        public string? StartsAt { get; set; }
        public string? EndsAt { get; set; }
    }
}
