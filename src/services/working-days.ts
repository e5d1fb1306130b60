// Working days (工作日) for notice periods (公示期). Weekends are skipped; statutory holidays and the
// make-up working days of 调休 change every year and need the State Council's calendar: callers may pass
// the holidays they know (a calendar table could be added and fed here), make-up Saturdays are not modelled.

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parse(date: string): Date {
  if (!DATE.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return d;
}

const format = (d: Date): string => d.toISOString().slice(0, 10);

export const isDate = (value: string): boolean => {
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
};

export function isWorkingDay(date: string, holidays: ReadonlySet<string> = new Set()): boolean {
  const day = parse(date).getUTCDay();
  return day !== 0 && day !== 6 && !holidays.has(date);
}

/** The date `days` working days after `start` (start itself not counted): Fri 2025-07-04 + 5 → Fri 2025-07-11. */
export function addWorkingDays(start: string, days: number, holidays: Iterable<string> = []): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
  const off = new Set(holidays);
  const d = parse(start);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(format(d), off)) left--;
  }
  return format(d);
}

/** Today's date in China (UTC+8, no daylight saving): notice periods are counted in Hangzhou's days. */
export function todayInChina(now: Date = new Date()): string {
  return format(new Date(now.getTime() + 8 * 3600_000));
}
