// Dates as stated ("October 24–26", "Feb. 12", "late October", "last Thursday", "this weekend")
// with a normalized ISO range where the text allows, relative to the article's publication
// date when one is known. A date that cannot be pinned keeps its text and null bounds.
import { memoized } from "../memo";

export interface FoundDate {
  text: string;
  start: number; // offset in the sentence text
  end: number;
  from: string | null;
  to: string | null;
  /** Month and days as stated, for comparing dates that carry no year. */
  monthDays?: { month: number; from: number; to: number };
}

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTH_RE = "(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthOf = (word: string) => MONTHS[word.toLowerCase().replace(/\.$/, "")] ?? 0;

function parseIso(date: string | null): Date | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

const toIso = (d: Date) => d.toISOString().slice(0, 10);

/** Picks the year for a month/day stated without one: the publication year, or the year before when that would be in the future. */
function inferYear(month: number, day: number, published: Date | null, future: boolean): number | null {
  if (!published) return null;
  const y = published.getUTCFullYear();
  const candidate = Date.UTC(y, month - 1, day);
  const pub = published.getTime();
  if (!future && candidate > pub + 7 * 86400_000) return y - 1;
  if (future && candidate < pub - 180 * 86400_000) return y + 1;
  return y;
}

// Compiled once (global: each loop below starts them at 0 and runs them to the end, which resets them).
const MDY_RE = new RegExp(`\\b${MONTH_RE}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[–-]\\s*(\\d{1,2}))?(?:,?\\s+(\\d{4}))?\\b`, "g");
const DMY_RE = new RegExp(`\\b(\\d{1,2})(?:\\s*[–-]\\s*(\\d{1,2}))?\\s+${MONTH_RE}(?:\\s+(\\d{4}))?\\b`, "g");
const PART_RE = new RegExp(`\\b(?:(early|mid|late)[- ]|(?:in\\s+)?the\\s+(first|last)\\s+week\\s+of\\s+|(?:at\\s+)?the\\s+(start|beginning|end|middle)\\s+of\\s+)${MONTH_RE}(?:\\s+(\\d{4}))?\\b`, "gi");
const MONTH_ONLY_RE = new RegExp(`\\b(?:(in|last|this|next)\\s+)?${MONTH_RE}(?:\\s+(\\d{4}))?\\b`, "gi");

/** Finds date expressions in a sentence. `future` says whether the sentence speaks of plans. */
export function findDates(text: string, publishedIso: string | null, future = false): FoundDate[] {
  const published = parseIso(publishedIso);
  const out: FoundDate[] = [];
  const taken: Array<[number, number]> = [];
  const push = (start: number, end: number, from: string | null, to: string | null, monthDays?: FoundDate["monthDays"]) => {
    if (taken.some(([a, b]) => start < b && end > a)) return;
    taken.push([start, end]);
    out.push({ text: text.slice(start, end), start, end, from, to, ...(monthDays ? { monthDays } : {}) });
  };
  let m: RegExpExecArray | null;
  // "October 24–26, 2025", "Feb. 12", "March 20, 2026"
  const mdy = MDY_RE;
  mdy.lastIndex = 0;
  while ((m = mdy.exec(text))) {
    const month = monthOf(m[1]!);
    const d1 = Number(m[2]);
    const d2 = m[3] ? Number(m[3]) : d1;
    const year = m[4] ? Number(m[4]) : inferYear(month, d1, published, future);
    if (!month || d1 < 1 || d1 > 31) continue;
    push(m.index, m.index + m[0].length, year ? iso(year, month, d1) : null, year ? iso(year, month, Math.min(d2, daysIn(year, month))) : null, { month, from: d1, to: d2 });
  }
  // "24–26 October 2025", "12 February", "2 April 2026"
  const dmy = DMY_RE;
  dmy.lastIndex = 0;
  while ((m = dmy.exec(text))) {
    const month = monthOf(m[3]!);
    const d1 = Number(m[1]);
    const d2 = m[2] ? Number(m[2]) : d1;
    const year = m[4] ? Number(m[4]) : inferYear(month, d1, published, future);
    if (!month || d1 < 1 || d1 > 31) continue;
    push(m.index, m.index + m[0].length, year ? iso(year, month, d1) : null, year ? iso(year, month, Math.min(d2, daysIn(year, month))) : null, { month, from: d1, to: d2 });
  }
  // "late October", "mid-February", "early March 2026", "the last week of January", "at the start of February"
  const part = PART_RE;
  part.lastIndex = 0;
  while ((m = part.exec(text))) {
    const month = monthOf(m[4]!);
    if (!month) continue;
    const year = m[5] ? Number(m[5]) : inferYear(month, 15, published, future);
    const which = (m[1] ?? m[2] ?? m[3] ?? "").toLowerCase();
    const last = year ? daysIn(year, month) : 30;
    const [a, b] =
      which === "early" || which === "start" || which === "beginning" ? [1, 10] :
      which === "mid" || which === "middle" ? [11, 20] :
      which === "first" ? [1, 7] :
      which === "last" ? [last - 6, last] : [21, last];
    push(m.index, m.index + m[0].length, year ? iso(year, month, a) : null, year ? iso(year, month, b) : null, { month, from: a, to: b });
  }
  // "in October", "last October", "this March", "October 2025"
  const monthOnly = MONTH_ONLY_RE;
  monthOnly.lastIndex = 0;
  while ((m = monthOnly.exec(text))) {
    const month = monthOf(m[2]!);
    if (!month || (!m[1] && !m[3])) continue;
    if (m[2]!.toLowerCase() === "may" && !m[3]) continue; // the modal verb
    let year = m[3] ? Number(m[3]) : null;
    if (!year && published) {
      const rel = (m[1] ?? "").toLowerCase();
      const y = published.getUTCFullYear();
      const pm = published.getUTCMonth() + 1;
      year = rel === "last" ? (month >= pm ? y - 1 : y) : rel === "next" ? (month <= pm ? y + 1 : y) : inferYear(month, 1, published, future);
    }
    push(m.index, m.index + m[0].length, year ? iso(year, month, 1) : null, year ? iso(year, month, daysIn(year, month)) : null, { month, from: 1, to: 31 });
  }
  // Weekdays and relative days: "on Thursday", "last Thursday", "this weekend", "yesterday".
  const rel = /\b(?:(on|last|this|next)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|weekend|week)\b|\b(yesterday|today|tomorrow|last night)\b/gi;
  while ((m = rel.exec(text))) {
    const word = (m[2] ?? m[3] ?? "").toLowerCase();
    const mod = (m[1] ?? "").toLowerCase();
    if ((word === "week" || word === "weekend") && !mod) continue;
    if (WEEKDAYS.includes(word) && !mod && !/\b(?:on|from|until|by)\s*$/i.test(text.slice(0, m.index))) {
      // a bare weekday is still a date ("The talks continued Friday").
    }
    let from: string | null = null;
    let to: string | null = null;
    if (published) {
      const pub = published.getTime();
      const day = published.getUTCDay();
      if (word === "yesterday" || word === "last night") from = to = toIso(new Date(pub - 86400_000));
      else if (word === "today") from = to = toIso(published);
      else if (word === "tomorrow") from = to = toIso(new Date(pub + 86400_000));
      else if (word === "weekend") {
        const toSat = mod === "last" ? -((day + 1) % 7 || 7) : mod === "next" ? ((6 - day + 7) % 7 || 7) : day === 0 ? -1 : 6 - day;
        from = toIso(new Date(pub + toSat * 86400_000));
        to = toIso(new Date(pub + (toSat + 1) * 86400_000));
      } else if (word === "week") {
        const shift = mod === "last" ? -7 : mod === "next" ? 7 : 0;
        const monday = pub + ((1 - day + 7) % 7 - 7 + (day === 0 ? 0 : 0)) * 86400_000 + shift * 86400_000;
        const start = new Date(monday <= pub + shift * 86400_000 ? monday : monday - 7 * 86400_000);
        from = toIso(start);
        to = toIso(new Date(start.getTime() + 6 * 86400_000));
      } else {
        const target = WEEKDAYS.indexOf(word);
        let diff: number;
        if (mod === "next" || (future && mod !== "last")) diff = ((target - day + 7) % 7) || 7;
        else if (mod === "this" && !future) diff = -(((day - target + 7) % 7));
        else diff = -(((day - target + 7) % 7) || 7);
        from = to = toIso(new Date(pub + diff * 86400_000));
      }
    }
    push(m.index, m.index + m[0].length, from, to);
  }
  // "in 2023"
  const yearOnly = /\b(?:in|since|during)\s+((?:19|20)\d{2})\b/g;
  while ((m = yearOnly.exec(text))) {
    const y = Number(m[1]);
    push(m.index + m[0].length - 4, m.index + m[0].length, iso(y, 1, 1), iso(y, 12, 31));
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Two normalized ranges that share no day. */
export function datesDisjoint(a: { start: string | null; end: string | null }, b: { start: string | null; end: string | null }, slackDays = 0): boolean {
  if (!a.start || !b.start) return false;
  const aEnd = a.end ?? a.start;
  const bEnd = b.end ?? b.start;
  const slack = slackDays * 86400_000;
  return epochMs(aEnd) + slack < epochMs(b.start) || epochMs(bEnd) + slack < epochMs(a.start);
}

/** Date.parse(iso), memoized: clustering compares the same few thousand ISO dates millions of times. */
export const epochMs = memoized((iso) => Date.parse(iso), 100_000);

/** Like datesDisjoint, but also compares month and day when a date has no year. */
export function statedDatesDisjoint(a: FoundDate, b: FoundDate, slackDays = 1): boolean {
  if (a.from && b.from) return datesDisjoint({ start: a.from, end: a.to }, { start: b.from, end: b.to }, slackDays);
  if (a.monthDays && b.monthDays) {
    const x = a.monthDays;
    const y = b.monthDays;
    if (x.month !== y.month) return true;
    return x.to + slackDays < y.from || y.to + slackDays < x.from;
  }
  return false;
}
