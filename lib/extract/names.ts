// Name normalization for matching: spelling and transliteration variants of one name
// ("Zelensky", "Zelenskiy", "Zelenskyy"; "Donbas", "Donbass"; "Constantinos", "Konstantinos")
// fold to one key, while different names stay apart.
import { foldText } from "../contract";
import { memoized } from "../memo";
import { BRAND_DESCRIPTORS, LEGAL_SUFFIXES } from "./knowledge";

// Keys are computed for every mention of every article: memoized (names repeat a lot).

/** Folded, transliteration-tolerant key of one word. */
export const wordKey = memoized(computeWordKey, 1_000_000);

function computeWordKey(word: string): string {
  let w = foldText(word).replace(/['\s]/g, "");
  w = w
    .replace(/ph/g, "f")
    .replace(/c(?=[aou])/g, "k")
    .replace(/(?:iy|yy|ij|yi|ii)$/g, "y")
    .replace(/j(?=[aeou])/g, "y")
    .replace(/(.)\1+/g, "$1");
  return w;
}

/** Key of a multi-word name: word keys joined. */
export const nameKey = memoized((name) => foldText(name).split(" ").filter(Boolean).map(wordKey).join(" "), 1_000_000);

/** Surname key, tolerant of Czech/Slovak feminine forms (Ackerová ≈ Acker) only for matching. */
export function surnameVariants(surname: string): string[] {
  const k = wordKey(surname);
  const out = [k];
  if (/ova$/.test(k) && k.length > 5) out.push(k.slice(0, -3));
  return out;
}

/** Whether two given names can be the same person ("Kostas" ≈ "Konstantinos", "Zoe" ≈ "Zoë"). */
export function givenNamesCompatible(a: string, b: string): boolean {
  const ka = wordKey(a);
  const kb = wordKey(b);
  if (ka === kb) return true;
  if (ka.length < 4 || kb.length < 4) return false;
  // Hypocoristic forms share their opening letters and consonant frame ("kostas"/"konstantinos").
  return ka.slice(0, 2) === kb.slice(0, 2) && ka.at(-1) === kb.at(-1) && consonants(ka).startsWith(consonants(kb).slice(0, 1)) && sharedConsonantRatio(ka, kb) >= 0.6;
}

function consonants(s: string): string {
  return s.replace(/[aeiouy]/g, "");
}

function sharedConsonantRatio(a: string, b: string): number {
  const ca = consonants(a);
  const cb = consonants(b);
  const [short, long] = ca.length <= cb.length ? [ca, cb] : [cb, ca];
  let j = 0;
  let hits = 0;
  for (const ch of short) {
    const at = long.indexOf(ch, j);
    if (at !== -1) {
      hits++;
      j = at + 1;
    }
  }
  return short.length ? hits / short.length : 0;
}

/** Organization name without legal form and leading article: "Polavia S.A." → "Polavia". */
const LEGAL_SUFFIX_RE = new RegExp(`[\\s,]+(?:${LEGAL_SUFFIXES.map((x) => x.replace(/[.&]/g, (c) => `\\${c}`)).join("|")})$`, "i");

export function stripLegalSuffix(name: string): string {
  let n = name.trim().replace(/^the\s+/i, "");
  while (LEGAL_SUFFIX_RE.test(n)) n = n.replace(LEGAL_SUFFIX_RE, "");
  return n;
}

/** "Vltavia Airlines" → "Vltavia" when the rest is only a descriptor of the business. */
export function brandOf(name: string): string | null {
  const words = stripLegalSuffix(name).split(/\s+/);
  if (words.length < 2) return null;
  let k = words.length;
  while (k > 1 && BRAND_DESCRIPTORS.has(words[k - 1]!.toLowerCase())) k--;
  return k < words.length ? words.slice(0, k).join(" ") : null;
}

/** Initials of the capitalized words of a name: "Russian Direct Investment Fund" → "RDIF". */
export function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w) && !/^(?:of|and|the|for)$/i.test(w))
    .map((w) => w.charAt(0).toUpperCase())
    .join("");
}

/** Typical surname endings across Slavic, Baltic and other languages (a weak person cue). */
export function looksLikeSurname(word: string): boolean {
  return /(?:ov|ova|ev|eva|in|ina|sky|ski|ska|skyi|skiy|skyy|cki|cka|wicz|vich|vych|enko|ko|uk|yuk|chuk|yan|ian|dze|shvili|ić|ic|escu|oglu|zadeh|pour|nejad|ez|es|son|sen|berg|stein|mann|er|ová|á|ý)$/i.test(
    foldText(word),
  );
}

const DEMONYM_PREFIX = /^(?:the\s+)?(?:Polish|Czech|Slovak|Russian|Ukrainian|American|British|French|German|Italian|Spanish|Dutch|Belgian|Austrian|Swiss|Irish|Greek|Turkish|Chinese|Japanese|Indian|Israeli|Iranian|Canadian|Mexican|Brazilian|Australian|Hungarian|Romanian|Bulgarian|Swedish|Danish|Norwegian|Finnish|Estonian|Latvian|Lithuanian|Cypriot|US|U\.S\.|UK|EU)\s+/;

/**
 * Matching key of an organization name: legal form and a leading nationality dropped, and
 * "Transport Ministry" / "Ministry of Transport", "State Department" / "Department of State"
 * folded to one form.
 */
export function orgKey(name: string): string {
  let n = stripLegalSuffix(name).replace(DEMONYM_PREFIX, "");
  const inverted = /^(.+?)\s+(Ministry|Department|Office|Agency)$/i.exec(n);
  if (inverted && !/\bof\b/i.test(inverted[1]!)) n = `${inverted[2]} of ${inverted[1]}`;
  n = n.replace(/^(Ministry|Department|Office|Agency) of the /i, "$1 of ");
  return nameKey(n);
}
