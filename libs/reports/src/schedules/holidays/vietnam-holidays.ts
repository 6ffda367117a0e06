import raw from './vietnam-holidays.json';
import { HolidayCalendar, holidayCalendarSchema } from './holiday-calendar.schema';

/**
 * Vietnam's public holidays for state agencies, 2025 onwards (vietnam-holidays.json), checked when this module
 * loads: a wrong date in the file stops the process at start-up, not a schedule months later.
 */
export const VIETNAM_HOLIDAYS: HolidayCalendar = holidayCalendarSchema.parse(raw);
