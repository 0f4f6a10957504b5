// Day headings between messages: "Today", "Yesterday" (Intl.RelativeTimeFormat), or the localised date.

/** The local calendar day of a time, as a comparable key. */
export function dayKey(timestamp: number): string {
  const date = new Date(timestamp);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

export function dayLabel(timestamp: number, now: number, locale?: string): string {
  const today = new Date(now);
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1).getTime();
  const key = dayKey(timestamp);
  if (key === dayKey(now)) return relativeDay(locale, 0);
  if (key === dayKey(yesterday)) return relativeDay(locale, -1);
  const sameYear = new Date(timestamp).getFullYear() === today.getFullYear();
  return formatter(locale, sameYear).format(timestamp);
}

/** "today", "hier"… as Intl words it, capitalised to head a group. */
function relativeDay(locale: string | undefined, days: number): string {
  const word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(days, 'day');
  return word.charAt(0).toLocaleUpperCase(locale) + word.slice(1);
}

/** Formatters are costly to build and every visible heading needs one: one per locale and kind is kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, sameYear: boolean): Intl.DateTimeFormat {
  const key = `${locale ?? ''} ${sameYear}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) });
    formatters.set(key, found);
  }
  return found;
}
