using LocalLoop.Merchants;
using LocalLoop.Tests.Infrastructure;
using Xunit;
using static LocalLoop.Merchants.OpeningHours;

namespace LocalLoop.Tests.Stores;

/// <summary>The pure opening-hours rules: periods past midnight, date exceptions, time zones and the minute edges.</summary>
public sealed class OpeningHoursTests
{
    // 2026-11-23 is a Monday.
    private static readonly DateOnly Monday = new(2026, 11, 23);

    private static DateTimeOffset Shanghai(DateOnly date, int hour, int minute = 0) => new(date.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));

    private static Period P(DayOfWeek day, string opens, string closes) => new(day, TimeOnly.Parse(opens), TimeOnly.Parse(closes));

    private static OpeningHours Hours(params Period[] week) => new(week, [], DefaultTimeZoneId);

    [Fact]
    public void A_plain_period_is_open_from_its_opening_minute_until_just_before_closing()
    {
        var hours = Hours(P(DayOfWeek.Monday, "10:00", "22:00"));

        hours.IsOpenAt(Shanghai(Monday, 9, 59)).ShouldBe(false);
        hours.IsOpenAt(Shanghai(Monday, 10, 0)).ShouldBe(true);
        hours.IsOpenAt(Shanghai(Monday, 21, 59)).ShouldBe(true);
        hours.IsOpenAt(Shanghai(Monday, 22, 0)).ShouldBe(false);
        hours.IsOpenAt(Shanghai(Monday.AddDays(1), 12, 0)).ShouldBe(false, "Tuesday has no period");
    }

    [Fact]
    public void A_period_past_midnight_runs_into_the_next_morning_and_ends_at_its_closing_minute()
    {
        var hours = Hours(P(DayOfWeek.Monday, "18:00", "02:00"));

        hours.IsOpenAt(Shanghai(Monday, 23, 59)).ShouldBe(true);
        hours.IsOpenAt(Shanghai(Monday.AddDays(1), 0, 0)).ShouldBe(true, "Tuesday 00:00 is still Monday's evening");
        hours.IsOpenAt(Shanghai(Monday.AddDays(1), 1, 59)).ShouldBe(true);
        hours.IsOpenAt(Shanghai(Monday.AddDays(1), 2, 0)).ShouldBe(false);
        hours.IsOpenAt(Shanghai(Monday, 1, 0)).ShouldBe(false, "Sunday had no late period");
    }

    [Fact]
    public void Closing_at_midnight_ends_at_00_00_and_00_00_to_00_00_is_around_the_clock()
    {
        var toMidnight = Hours(P(DayOfWeek.Monday, "20:00", "00:00"));
        toMidnight.IsOpenAt(Shanghai(Monday, 23, 59)).ShouldBe(true);
        toMidnight.IsOpenAt(Shanghai(Monday.AddDays(1), 0, 0)).ShouldBe(false);

        var allDay = Hours(P(DayOfWeek.Monday, "00:00", "00:00"));
        allDay.IsOpenAt(Shanghai(Monday, 0, 0)).ShouldBe(true);
        allDay.IsOpenAt(Shanghai(Monday, 23, 59)).ShouldBe(true);
        allDay.IsOpenAt(Shanghai(Monday.AddDays(1), 0, 0)).ShouldBe(false, "Tuesday has no period");
    }

    [Fact]
    public void A_closed_exception_closes_the_day_and_special_hours_replace_the_week()
    {
        var week = new[] { P(DayOfWeek.Monday, "10:00", "22:00") };
        var closed = new OpeningHours(week, [new DateException(Monday, true, null, null, "春节")], DefaultTimeZoneId);
        closed.IsOpenAt(Shanghai(Monday, 12, 0)).ShouldBe(false);
        closed.IsOpenAt(Shanghai(Monday.AddDays(7), 12, 0)).ShouldBe(true, "the next Monday keeps the week");

        var special = new OpeningHours(week, [new DateException(Monday, false, new TimeOnly(13, 0), new TimeOnly(16, 0))], DefaultTimeZoneId);
        special.IsOpenAt(Shanghai(Monday, 12, 0)).ShouldBe(false);
        special.IsOpenAt(Shanghai(Monday, 15, 59)).ShouldBe(true);
        special.IsOpenAt(Shanghai(Monday, 16, 0)).ShouldBe(false);
    }

    [Fact]
    public void Open_now_is_read_in_the_stores_time_zone()
    {
        // 10:00–22:00 in Tokyo (UTC+9) and in Shanghai (UTC+8): at 01:30 UTC it is 10:30 in Tokyo, 09:30 in Shanghai.
        var instant = new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.Zero);
        new OpeningHours([P(DayOfWeek.Monday, "10:00", "22:00")], [], "Asia/Tokyo").IsOpenAt(instant).ShouldBe(true);
        new OpeningHours([P(DayOfWeek.Monday, "10:00", "22:00")], [], "Asia/Shanghai").IsOpenAt(instant).ShouldBe(false);
    }

    [Fact]
    public void Next_opening_and_the_open_period_are_found()
    {
        var hours = Hours(P(DayOfWeek.Monday, "10:00", "14:00"), P(DayOfWeek.Monday, "17:00", "01:00"), P(DayOfWeek.Wednesday, "09:00", "12:00"));

        hours.NextOpeningAfter(Shanghai(Monday, 15, 0)).ShouldBe(Monday.ToDateTime(new TimeOnly(17, 0)));
        hours.NextOpeningAfter(Shanghai(Monday, 18, 0)).ShouldBe(Monday.AddDays(2).ToDateTime(new TimeOnly(9, 0)));
        hours.OpenPeriodAt(Shanghai(Monday.AddDays(1), 0, 30))!.Value.Period.Closes.ShouldBe(new TimeOnly(1, 0));
        Hours().NextOpeningAfter(Shanghai(Monday, 12, 0)).ShouldBe(null, "a store with no hours never opens");
    }

    [Fact]
    public void Overlapping_periods_are_found_also_across_midnight_and_the_end_of_the_week()
    {
        (FindOverlap([P(DayOfWeek.Monday, "10:00", "14:00"), P(DayOfWeek.Monday, "13:00", "18:00")]) is not null).ShouldBeTrue();
        (FindOverlap([P(DayOfWeek.Monday, "18:00", "02:00"), P(DayOfWeek.Tuesday, "01:00", "10:00")]) is not null).ShouldBeTrue();
        (FindOverlap([P(DayOfWeek.Sunday, "20:00", "03:00"), P(DayOfWeek.Monday, "02:00", "09:00")]) is not null).ShouldBeTrue();
        (FindOverlap([P(DayOfWeek.Saturday, "20:00", "03:00"), P(DayOfWeek.Sunday, "02:59", "09:00")]) is not null).ShouldBeTrue();

        FindOverlap([P(DayOfWeek.Monday, "10:00", "14:00"), P(DayOfWeek.Monday, "14:00", "18:00")]).ShouldBe(null, "touching periods do not overlap");
        FindOverlap([P(DayOfWeek.Monday, "18:00", "02:00"), P(DayOfWeek.Tuesday, "02:00", "10:00")]).ShouldBe(null);
        FindOverlap([P(DayOfWeek.Sunday, "20:00", "03:00"), P(DayOfWeek.Monday, "03:00", "09:00")]).ShouldBe(null);
    }

    [Fact]
    public void Only_iana_time_zones_are_known()
    {
        IsKnownTimeZone("Asia/Shanghai").ShouldBe(true);
        IsKnownTimeZone("Europe/Paris").ShouldBe(true);
        IsKnownTimeZone("Mars/Olympus").ShouldBe(false);
        IsKnownTimeZone("").ShouldBe(false);
    }
}
