using System.Globalization;
using LocalLoop.Deals;
using LocalLoop.Tests.Infrastructure;
using Xunit;

namespace LocalLoop.Tests.Domain;

/// <summary>Every validity rule at its edges, in Asia/Shanghai local time (UTC+8, no daylight saving time).</summary>
public sealed class ValidityRulesTests
{
    private static readonly HolidayCalendar NationalDay = new(Enumerable.Range(1, 7)
        .Select(d => new Holiday { Date = new DateOnly(2026, 10, d), NameZh = "国庆节", NameEn = "National Day" }));

    /// <summary>A Shanghai local time, "2026-11-21 23:59".</summary>
    private static DateTimeOffset At(string local) =>
        new(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(8));

    private static string? RefusalCode(ValidityRules rules, string local, int usedThisVisit = 0, HolidayCalendar? holidays = null) =>
        rules.RefusalAt(At(local), DateTimeOffset.MinValue, holidays ?? HolidayCalendar.Empty, usedThisVisit)?.Code;

    [Fact]
    public void N_days_from_purchase_end_at_the_end_of_the_nth_local_day_not_after_n_times_24_hours()
    {
        var (validFrom, expiresAt) = ValidityRules.None.Period(At("2026-11-21 23:30"), 1);
        validFrom.ShouldBe(At("2026-11-21 23:30"));
        expiresAt.ShouldBe(At("2026-11-23 00:00"), "usable until 2026-11-22 23:59:59.999 Shanghai");

        // Bought just after midnight UTC+8, which is the previous day in UTC: still the local date counts.
        ValidityRules.None.Period(At("2026-11-22 00:10"), 30).ExpiresAt.ShouldBe(At("2026-12-23 00:00"));
    }

    [Fact]
    public void A_fixed_window_is_usable_from_its_first_local_day_to_the_end_of_its_last()
    {
        var rules = new ValidityRules { WindowStart = new DateOnly(2026, 12, 1), WindowEnd = new DateOnly(2026, 12, 31) };
        var (validFrom, expiresAt) = rules.Period(At("2026-11-21 15:00"), 31);
        validFrom.ShouldBe(At("2026-12-01 00:00"));
        expiresAt.ShouldBe(At("2027-01-01 00:00"));

        var early = rules.RefusalAt(At("2026-11-30 23:59"), validFrom, HolidayCalendar.Empty, 0)!;
        early.Code.ShouldBe("not_yet_valid");
        early.Chinese.ShouldBe("该券尚未生效，2026-12-01 00:00 起可用。");
        early.English.Contains("usable from 2026-12-01 00:00", StringComparison.Ordinal).ShouldBeTrue();
        rules.RefusalAt(At("2026-12-01 00:00"), validFrom, HolidayCalendar.Empty, 0).ShouldBe(null, "the first day is in the window");

        // Bought inside the window: usable at once.
        rules.Period(At("2026-12-10 12:00"), 31).ValidFrom.ShouldBe(At("2026-12-10 12:00"));
    }

    [Theory]
    [InlineData("2026-11-20 23:59", null)] // Friday
    [InlineData("2026-11-21 00:01", "unusable_weekend")] // Saturday
    [InlineData("2026-11-22 23:59", "unusable_weekend")] // Sunday
    [InlineData("2026-11-23 00:01", null)] // Monday
    public void Weekends_off_refuse_saturday_and_sunday_by_local_date(string local, string? expected) =>
        RefusalCode(new ValidityRules { WeekendsOff = true }, local).ShouldBe(expected);

    [Fact]
    public void A_weekend_refusal_names_the_day_and_date_in_chinese_and_english()
    {
        var refusal = new ValidityRules { WeekendsOff = true }.RefusalAt(At("2026-11-21 12:00"), DateTimeOffset.MinValue, HolidayCalendar.Empty, 0)!;
        refusal.Chinese.ShouldBe("该券周末不可用，今天是周六（2026-11-21）。");
        refusal.English.ShouldBe("This voucher cannot be used at weekends; today is Saturday (2026-11-21).");
    }

    [Theory]
    [InlineData("2026-09-30 23:59", null)]
    [InlineData("2026-10-01 00:01", "unusable_holiday")]
    [InlineData("2026-10-07 23:59", "unusable_holiday")]
    [InlineData("2026-10-08 00:01", null)]
    public void Holidays_off_refuse_the_statutory_holidays(string local, string? expected) =>
        RefusalCode(new ValidityRules { HolidaysOff = true }, local, holidays: NationalDay).ShouldBe(expected);

    [Fact]
    public void A_holiday_refusal_names_the_holiday_and_a_deal_without_the_rule_ignores_holidays()
    {
        var refusal = new ValidityRules { HolidaysOff = true }.RefusalAt(At("2026-10-01 10:00"), DateTimeOffset.MinValue, NationalDay, 0)!;
        refusal.Chinese.ShouldBe("该券法定节假日不可用，今天是国庆节（2026-10-01）。");
        refusal.English.Contains("National Day (2026-10-01)", StringComparison.Ordinal).ShouldBeTrue();
        RefusalCode(new ValidityRules { WeekendsOff = true }, "2026-10-01 10:00", holidays: NationalDay).ShouldBe(null);
    }

    [Theory]
    [InlineData("2026-11-24 23:59", null)]
    [InlineData("2026-11-25 00:01", "unusable_date")]
    [InlineData("2026-11-25 23:59", "unusable_date")]
    [InlineData("2026-11-26 00:01", null)]
    public void Listed_dates_are_off_for_their_whole_local_day(string local, string? expected) =>
        RefusalCode(new ValidityRules { UnusableDates = [new DateOnly(2026, 11, 25)] }, local).ShouldBe(expected);

    [Theory]
    [InlineData("2026-11-23 09:59", "outside_hours")]
    [InlineData("2026-11-23 10:00", null)] // start inclusive
    [InlineData("2026-11-23 21:59", null)]
    [InlineData("2026-11-23 22:00", "outside_hours")] // end exclusive
    public void Usable_hours_include_their_start_and_exclude_their_end(string local, string? expected) =>
        RefusalCode(new ValidityRules { UsableFrom = new TimeOnly(10, 0), UsableUntil = new TimeOnly(22, 0) }, local).ShouldBe(expected);

    [Fact]
    public void Outside_hours_the_refusal_gives_the_hours_and_the_local_time()
    {
        var rules = new ValidityRules { UsableFrom = new TimeOnly(10, 0), UsableUntil = new TimeOnly(22, 0) };
        var refusal = rules.RefusalAt(At("2026-11-23 22:00"), DateTimeOffset.MinValue, HolidayCalendar.Empty, 0)!;
        refusal.Chinese.ShouldBe("该券仅限 10:00–22:00 使用，现在是 22:00。");
    }

    [Theory]
    [InlineData("2026-11-23 16:59", "outside_hours")]
    [InlineData("2026-11-23 17:00", null)]
    [InlineData("2026-11-23 23:59", null)]
    [InlineData("2026-11-24 00:01", null)]
    [InlineData("2026-11-24 01:59", null)]
    [InlineData("2026-11-24 02:00", "outside_hours")]
    public void Hours_may_cross_midnight(string local, string? expected) =>
        RefusalCode(new ValidityRules { UsableFrom = new TimeOnly(17, 0), UsableUntil = new TimeOnly(2, 0) }, local).ShouldBe(expected);

    [Theory]
    [InlineData("2026-11-21 01:00", null)] // Saturday 01:00 belongs to Friday evening
    [InlineData("2026-11-21 17:00", "unusable_weekend")] // Saturday evening
    [InlineData("2026-11-22 01:00", "unusable_weekend")] // Sunday 01:00 belongs to Saturday
    [InlineData("2026-11-23 01:00", "unusable_weekend")] // Monday 01:00 belongs to Sunday
    [InlineData("2026-11-23 17:00", null)] // Monday evening
    public void After_midnight_a_use_belongs_to_the_business_day_that_began_the_evening_before(string local, string? expected) =>
        RefusalCode(new ValidityRules { WeekendsOff = true, UsableFrom = new TimeOnly(17, 0), UsableUntil = new TimeOnly(2, 0) }, local).ShouldBe(expected);

    [Fact]
    public void After_midnight_the_refusal_says_which_business_day_it_counts_for()
    {
        var rules = new ValidityRules { WeekendsOff = true, UsableFrom = new TimeOnly(17, 0), UsableUntil = new TimeOnly(2, 0) };
        rules.RefusalAt(At("2026-11-22 01:00"), DateTimeOffset.MinValue, HolidayCalendar.Empty, 0)!.Chinese
            .ShouldBe("该券周末不可用，当前营业日（凌晨时段计入前一天）是周六（2026-11-21）。");
    }

    [Fact]
    public void The_per_visit_limit_refuses_once_the_visit_has_its_limit()
    {
        var rules = new ValidityRules { PerVisitLimit = 2 };
        RefusalCode(rules, "2026-11-23 12:00", usedThisVisit: 1).ShouldBe(null);
        var refusal = rules.RefusalAt(At("2026-11-23 12:00"), DateTimeOffset.MinValue, HolidayCalendar.Empty, 2)!;
        refusal.Code.ShouldBe("per_visit_limit");
        refusal.Chinese.ShouldBe("该团购每桌限用 2 张，本桌本次已有 2 张。");
    }

    [Fact]
    public void No_rules_restrict_nothing()
    {
        foreach (var local in new[] { "2026-10-01 03:00", "2026-11-21 23:59", "2026-11-22 00:00" })
        {
            RefusalCode(ValidityRules.None, local, usedThisVisit: 50, holidays: NationalDay).ShouldBe(null);
        }

        ValidityRules.None.Describe(chinese: true).Count.ShouldBe(0);
    }

    [Fact]
    public void The_rules_read_plainly_for_consumer_and_clerk()
    {
        var rules = new ValidityRules
        {
            WeekendsOff = true, HolidaysOff = true, UsableFrom = new TimeOnly(10, 0), UsableUntil = new TimeOnly(22, 0), PerVisitLimit = 2,
            BookingRequired = true, BookingNote = "请提前 1 天电话预约",
        };
        rules.Describe(chinese: true).ShouldBeEquivalentTo(["周末、法定节假日不可用", "10:00–22:00 可用", "每桌限用 2 张", "需预约：请提前 1 天电话预约"]);
        new ValidityRules { UsableFrom = new TimeOnly(17, 0), UsableUntil = new TimeOnly(2, 0) }.Describe(chinese: true)
            .ShouldBeEquivalentTo(["17:00–次日02:00 可用"]);
    }

    [Fact]
    public void Rules_survive_their_json_column_and_an_empty_column_means_no_rules()
    {
        var rules = new ValidityRules
        {
            WindowStart = new DateOnly(2026, 12, 1), WindowEnd = new DateOnly(2026, 12, 31), WeekendsOff = true, UnusableDates = [new DateOnly(2026, 12, 24)],
            UsableFrom = new TimeOnly(17, 0), UsableUntil = new TimeOnly(2, 0), PerVisitLimit = 3, BookingRequired = true, BookingNote = "提前预约",
        };
        var read = ValidityRulesJson.Read(ValidityRulesJson.Write(rules));
        (read with { UnusableDates = rules.UnusableDates }).ShouldBe(rules);
        read.UnusableDates.ShouldBeEquivalentTo(rules.UnusableDates);
        (ValidityRulesJson.Read("{}") with { UnusableDates = ValidityRules.None.UnusableDates }).ShouldBe(ValidityRules.None);
        ValidityRulesJson.Read("{}").Describe(chinese: false).Count.ShouldBe(0);
    }
}
