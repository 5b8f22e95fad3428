import { applyDecorators } from '@nestjs/common';
import { MaxDate, MinDate } from 'class-validator';

const FROM = 2000;
const TO = 2199;

/**
 * A point in time the platform deals in: from the year 2000 to 2199. JavaScript dates reach
 * ±275,000 years and PostgreSQL's from 4713 BC to 294276 AD; a date outside both would fail
 * in the database, one outside ours is a typo.
 */
export const WithinContestYears = () => {
  const context = { code: 'field.dateRange', from: FROM, to: TO };
  return applyDecorators(
    MinDate(new Date(Date.UTC(FROM, 0, 1)), { context }),
    MaxDate(new Date(Date.UTC(TO + 1, 0, 1) - 1), { context }),
  );
};
