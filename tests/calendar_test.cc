#include "pipeline/calendar.h"

#include <gtest/gtest.h>

namespace finfacts {
namespace {

TEST(Calendar, DaysRoundTripAndCount) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2025, 2, 14}) - days_from_civil({2025, 1, 29}), 16);
  EXPECT_EQ(days_from_civil({2025, 1, 1}) - days_from_civil({2024, 1, 1}), 366);  // 2024 is a leap year
  for (std::int64_t d = -800000; d < 800000; d += 997) EXPECT_EQ(days_from_civil(civil_from_days(d)), d);
  EXPECT_EQ(add_days({2024, 12, 31}, 1), (Date{2025, 1, 1}));
}

TEST(Calendar, MonthsClampTheDay) {
  EXPECT_EQ(add_months({2024, 1, 31}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(add_months({2025, 1, 31}, 1), (Date{2025, 2, 28}));
  EXPECT_EQ(add_months({2025, 2, 14}, -2), (Date{2024, 12, 14}));
  EXPECT_EQ(add_months({2025, 2, 14}, 12), (Date{2026, 2, 14}));
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
}

TEST(Calendar, WeekdaysAreIso) {
  EXPECT_EQ(weekday({2025, 2, 20}), 4);  // the Thursday after the seed's reference date
  EXPECT_EQ(weekday({2025, 2, 16}), 7);
  EXPECT_EQ(weekday({2024, 12, 30}), 1);
}

TEST(Calendar, LunarFestivalsComeFromIcu) {
  // Checked against published calendars: 春节, 元宵, 端午, 中秋.
  EXPECT_EQ(lunar_date(2023, 1, 1), (Date{2023, 1, 22}));
  EXPECT_EQ(lunar_date(2024, 1, 1), (Date{2024, 2, 10}));
  EXPECT_EQ(lunar_date(2025, 1, 1), (Date{2025, 1, 29}));
  EXPECT_EQ(lunar_date(2026, 1, 1), (Date{2026, 2, 17}));
  EXPECT_EQ(lunar_date(2025, 1, 15), (Date{2025, 2, 12}));
  EXPECT_EQ(lunar_date(2024, 5, 5), (Date{2024, 6, 10}));
  EXPECT_EQ(lunar_date(2024, 8, 15), (Date{2024, 9, 17}));
  EXPECT_EQ(lunar_date(2025, 8, 15), (Date{2025, 10, 6}));
}

}  // namespace
}  // namespace finfacts
