// A seeded generator of realistic wire-style news articles for benchmarks: headline, byline,
// dateline, body paragraphs with quotes, titles ("Foreign Minister X"), appositions ("X, the
// chief executive of Y"), meetings ("X met Y in Z on <date>"), sanctions, reports, support and
// opposition, and a closing credit line. A recurring cast of generated people (not real
// people), companies, institutes, parties and cities, plus real countries (generic knowledge),
// appears across articles with stable roles, so the graph has hubs, repeated edges and
// corroboration like a real corpus.
//
// Prefix-stable: article i depends only on (seed, i), so the first 10,000 articles of a
// 10,001-article corpus are the 10,000-article corpus (the incremental-rebuild benchmark adds
// article 10,000 to it). The cast grows with the article index, as new names enter the news.
import { mixSeed, Rng } from "./random";

export interface SynthArticle {
  id: string;
  file: string;
  title: string;
  publisher: string;
  url: string;
  date: string;
  text: string;
}

interface Country {
  name: string;
  demonym: string;
  capital: string;
}

// Real countries and capitals: generic knowledge, the same lists the extractor's gazetteer knows.
const COUNTRIES: Country[] = [
  ["France", "French", "Paris"],
  ["Germany", "German", "Berlin"],
  ["Poland", "Polish", "Warsaw"],
  ["Italy", "Italian", "Rome"],
  ["Spain", "Spanish", "Madrid"],
  ["Norway", "Norwegian", "Oslo"],
  ["Sweden", "Swedish", "Stockholm"],
  ["Finland", "Finnish", "Helsinki"],
  ["Turkey", "Turkish", "Ankara"],
  ["Egypt", "Egyptian", "Cairo"],
  ["Kenya", "Kenyan", "Nairobi"],
  ["Nigeria", "Nigerian", "Abuja"],
  ["Brazil", "Brazilian", "Brasilia"],
  ["Argentina", "Argentine", "Buenos Aires"],
  ["Mexico", "Mexican", "Mexico City"],
  ["Canada", "Canadian", "Ottawa"],
  ["Japan", "Japanese", "Tokyo"],
  ["India", "Indian", "New Delhi"],
  ["Indonesia", "Indonesian", "Jakarta"],
  ["Australia", "Australian", "Canberra"],
  ["Romania", "Romanian", "Bucharest"],
  ["Hungary", "Hungarian", "Budapest"],
  ["Greece", "Greek", "Athens"],
  ["Portugal", "Portuguese", "Lisbon"],
  ["Kazakhstan", "Kazakh", "Astana"],
  ["Georgia", "Georgian", "Tbilisi"],
  ["Chile", "Chilean", "Santiago"],
  ["Vietnam", "Vietnamese", "Hanoi"],
].map(([name, demonym, capital]) => ({ name: name!, demonym: demonym!, capital: capital! }));

// Common given names (from many languages; compromise's lexicon knows most), with gender for Mr/Ms.
const GIVEN_F = `Anna Maria Elena Olga Sofia Laura Julia Ines Marta Nadia Amira Leila Fatima Aisha Priya Yuki Lucia Carmen
  Sarah Emily Rachel Helen Claire Catherine Margaret Susan Linda Karen Grace Ruth Ngozi Amara Ingrid Astrid Monika Katarzyna
  Irina Natalia Tatiana Daria Veronica Isabel Beatriz Camila Valentina Hana Mei Lin Ayesha Zeynep Elif Greta Hanna Eva`.split(/\s+/);
const GIVEN_M = `Ivan Dmitri Sergei Mikhail Andrei Pavel Oleksandr Taras Piotr Tomasz Jan Lukas Jonas Erik Lars Henrik Anders
  Pierre Jean Luc Marc Antoine Marco Luca Paolo Carlos Diego Javier Pablo Miguel John James Michael David Robert Thomas
  Peter Paul Mark Daniel Samuel Joseph Kwame Kofi Chidi Tendai Omar Karim Youssef Ahmed Ali Hassan Ibrahim Mehmet Emre
  Ravi Arjun Hiroshi Kenji Wei Chen Rafael Felipe Mateo Stefan Viktor Nikolai Georgi Matteo Hugo Felix Oscar`.split(/\s+/);

const CONSONANTS = `b c d f g h k l m n p r s t v z br dr gr kr tr st sl ch sh`.split(/\s+/);
const VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "ei"];
const CODAS = ["", "", "", "", "n", "r", "l", "s", "m"];
const SURNAME_ENDS = `enko ov ova ski ska ez ini sen berg ari yan ashvili oglu ato ton well man ic escu ides opoulos er ley
  ak uk ek ius ani aro ard ens ovic elli ada ssen strom hart`.split(/\s+/);
const PLACE_ENDS = `grad via ton burg mouth ora esk ara polis ville field sk ia ino ovo any`.split(/\s+/);
const BRAND_ENDS = `ex ia on ar is um ora ix ant el ova ico tek gen`.split(/\s+/);
const COMPANY_KINDS = `Energy Holdings Group Bank Capital Shipping Mining Telecom Pharmaceuticals Airlines Steel Logistics Resources Industries Petroleum`.split(/\s+/);
const INSTITUTE_TOPICS = ["Strategic Studies", "Energy Security", "Economic Policy", "Regional Security", "Trade Law", "Peace Research", "Public Health", "Maritime Affairs"];
const INSTITUTE_KINDS = ["Institute", "Foundation", "Center", "Council"];
const PARTY_WORDS = ["National Renewal", "Civic Union", "People's Alliance", "Social Democratic", "Green Future", "Liberal Reform", "Farmers'", "Unity and Justice"];
const PUBLISHER_KINDS = ["Wire", "Post", "Herald", "Times", "Dispatch", "Tribune", "Ledger", "Observer", "Gazette", "Courier"];
const PORTFOLIOS = ["Foreign", "Defence", "Finance", "Energy", "Trade", "Interior", "Economy", "Justice"];
const EXEC_ROLES = ["chief executive", "chairman", "chief financial officer", "founder", "managing director", "president"];
const OFFICIAL_ROLES = ["director", "head", "spokes", "senior fellow", "deputy director", "secretary-general"];
const TOPICS = [
  "energy transit",
  "grain exports",
  "a ceasefire",
  "port access",
  "debt restructuring",
  "rare earth mining",
  "border demarcation",
  "fishing rights",
  "a gas pipeline",
  "trade tariffs",
  "a prisoner exchange",
  "nuclear safety",
  "a railway link",
  "water rights",
  "arms export licences",
  "a free trade zone",
];
const DOC_KINDS = ["Accord", "Framework Agreement", "Memorandum of Understanding", "Declaration", "Plan", "Charter"];
const REASONS = [
  "alleged sanctions evasion",
  "money laundering",
  "the diversion of dual-use goods",
  "human rights abuses",
  "bribery of customs officials",
  "links to an illegal mining network",
  "shipping oil in breach of a price cap",
];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Gender = "f" | "m";

interface Person {
  given: string;
  surname: string;
  gender: Gender;
  kind: "minister" | "leader" | "executive" | "official" | "diplomat" | "lawmaker" | "analyst" | "adviser";
  country: Country;
  /** Company, institute, agency or party index, by kind. */
  org: number;
  role: string;
  /** The person advised (advisers) or related to (some). */
  other?: number;
  relative?: string;
}

type OrgKind = "company" | "institute" | "agency" | "party" | "fund";

interface Org {
  name: string;
  short?: string;
  kind: OrgKind;
  country: Country;
  /** Uses "the" before the name in running text. */
  the: boolean;
}

function cap(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The recurring cast: lazily generated, index-stable people, organizations, places and outlets. */
export class Cast {
  private readonly people: Person[] = [];
  private readonly orgs: Org[] = [];
  private readonly cities: string[] = [];
  readonly publishers: string[];
  readonly reporters: string[];
  // One set per kind, so each kind's names depend only on its own random stream (prefix stability).
  private readonly usedCities = new Set<string>();
  private readonly usedBrands = new Set<string>();
  private readonly usedSurnames = new Set<string>();
  private readonly personRng: Rng;
  private readonly orgRng: Rng;
  private readonly placeRng: Rng;

  constructor(readonly seed: number) {
    this.personRng = new Rng(mixSeed(seed, "people"));
    this.orgRng = new Rng(mixSeed(seed, "orgs"));
    this.placeRng = new Rng(mixSeed(seed, "places"));
    const r = new Rng(mixSeed(seed, "publishers"));
    const pubs = new Set<string>();
    while (pubs.size < 14) pubs.add(`${cap(this.word(r, 2))} ${r.pick(PUBLISHER_KINDS)}`);
    this.publishers = [...pubs];
    this.reporters = [];
    for (let i = 0; i < 60; i++) this.reporters.push(`${r.pick(r.chance(0.5) ? GIVEN_F : GIVEN_M)} ${this.surnameFrom(r)}`);
  }

  /** A pronounceable stem of consonant-vowel syllables ("kavo", "drelin"). */
  private word(r: Rng, syllables: number): string {
    let w = "";
    for (let i = 0; i < syllables; i++) w += r.pick(CONSONANTS) + r.pick(VOWELS) + (i === syllables - 1 ? r.pick(CODAS) : "");
    return w;
  }

  /** Stem + ending, without a vowel clash ("Kav" + "enko", "Kavo" + "ski"). */
  private withEnding(r: Rng, ending: string): string {
    let stem = this.word(r, r.int(1, 2));
    if (/^[aeiou]/.test(ending)) stem = stem.replace(/[aeiou]+$/, "");
    else if (/[^aeiou]$/.test(stem) && /^[^aeiou]/.test(ending)) stem += r.pick(["a", "o", "e", "i"]);
    return cap(stem + ending);
  }

  private surnameFrom(r: Rng): string {
    return this.withEnding(r, r.pick(SURNAME_ENDS));
  }

  city(i: number): string {
    while (this.cities.length <= i) {
      const r = this.placeRng;
      let name = "";
      do {
        const base = this.withEnding(r, r.pick(PLACE_ENDS));
        name = r.chance(0.15) ? `${r.pick(["Port", "San", "New", "Lake", "Fort"])} ${base}` : base;
      } while (this.usedCities.has(name));
      this.usedCities.add(name);
      this.cities.push(name);
    }
    return this.cities[i]!;
  }

  private brand(r: Rng): string {
    let name = "";
    do name = this.withEnding(r, r.pick(BRAND_ENDS));
    while (this.usedBrands.has(name));
    this.usedBrands.add(name);
    return name;
  }

  org(i: number): Org {
    while (this.orgs.length <= i) {
      const r = this.orgRng;
      const country = r.pick(COUNTRIES);
      const roll = r.float();
      let org: Org;
      if (roll < 0.5) org = { name: `${this.brand(r)} ${r.pick(COMPANY_KINDS)}`, kind: "company", country, the: false };
      else if (roll < 0.68) {
        const topic = r.pick(INSTITUTE_TOPICS);
        org = { name: `${this.brand(r)} ${r.pick(INSTITUTE_KINDS)} for ${topic}`, kind: "institute", country, the: true };
      } else if (roll < 0.82) {
        const name = `${country.demonym} ${r.pick(["Customs Service", "Competition Authority", "Energy Regulatory Office", "Export Control Agency", "Financial Intelligence Unit", "Maritime Authority"])}`;
        org = { name, kind: "agency", country, the: true };
      } else if (roll < 0.92) {
        org = { name: `${r.pick(PARTY_WORDS)} Party`, kind: "party", country, the: true };
        if (this.orgs.some((o) => o.name === org.name)) org = { ...org, name: `${this.brand(r)} ${org.name}` };
      } else {
        const base = `${this.brand(r)} ${r.pick(["Development Fund", "Investment Fund", "Sovereign Fund"])}`;
        const short = base
          .split(/\s+/)
          .map((w) => w.charAt(0))
          .join("")
          .toUpperCase();
        org = { name: base, short, kind: "fund", country, the: true };
      }
      this.orgs.push(org);
    }
    return this.orgs[i]!;
  }

  person(i: number): Person {
    while (this.people.length <= i) {
      const r = this.personRng;
      const k = this.people.length;
      const gender: Gender = r.chance(0.45) ? "f" : "m";
      let given = "";
      let surname = "";
      do {
        given = r.pick(gender === "f" ? GIVEN_F : GIVEN_M);
        surname = this.surnameFrom(r);
      } while (this.usedSurnames.has(surname));
      this.usedSurnames.add(surname);
      const country = r.pick(COUNTRIES);
      const orgCount = 40 + Math.floor(k / 2);
      const roll = r.float();
      let p: Person;
      if (roll < 0.16) p = { given, surname, gender, kind: "minister", country, org: 0, role: `${r.pick(PORTFOLIOS)} Minister` };
      else if (roll < 0.2) p = { given, surname, gender, kind: "leader", country, org: 0, role: r.pick(["President", "Prime Minister"]) };
      else if (roll < 0.44) {
        let org = r.skewed(orgCount, 1.6);
        for (let t = 0; t < 6 && this.org(org).kind !== "company" && this.org(org).kind !== "fund"; t++) org = r.skewed(orgCount, 1.6);
        p = { given, surname, gender, kind: "executive", country: this.org(org).country, org, role: r.pick(EXEC_ROLES) };
      } else if (roll < 0.6) {
        let org = r.skewed(orgCount, 1.6);
        for (let t = 0; t < 6 && this.org(org).kind === "company"; t++) org = r.skewed(orgCount, 1.6);
        const o = this.org(org);
        const spokes = gender === "f" ? "spokeswoman" : "spokesman";
        const role = (o.kind === "party" ? r.pick(["leader", "spokes", "deputy leader"]) : r.pick(OFFICIAL_ROLES)).replace(/^spokes(?:wo)?(?:man)?$/, spokes);
        p = { given, surname, gender, kind: "official", country: o.country, org, role };
      } else if (roll < 0.7) p = { given, surname, gender, kind: "diplomat", country, org: 0, role: r.chance(0.5) ? "ambassador" : "special envoy" };
      else if (roll < 0.8) {
        let org = r.skewed(orgCount, 1.4);
        for (let t = 0; t < 8 && this.org(org).kind !== "party"; t++) org = r.skewed(orgCount, 1.4);
        p = this.org(org).kind === "party" ? { given, surname, gender, kind: "lawmaker", country: this.org(org).country, org, role: "lawmaker" } : { given, surname, gender, kind: "diplomat", country, org: 0, role: "ambassador" };
      } else if (roll < 0.9) {
        let org = r.skewed(orgCount, 1.6);
        for (let t = 0; t < 8 && this.org(org).kind !== "institute"; t++) org = r.skewed(orgCount, 1.6);
        p = this.org(org).kind === "institute" ? { given, surname, gender, kind: "analyst", country: this.org(org).country, org, role: r.pick(["analyst", "senior fellow", "economist"]) } : { given, surname, gender, kind: "minister", country, org: 0, role: `${r.pick(PORTFOLIOS)} Minister` };
      } else {
        p = { given, surname, gender, kind: "adviser", country, org: 0, role: r.pick(["senior adviser", "aide", "adviser", "chief of staff"]) };
      }
      if (k > 0 && (p.kind === "adviser" || r.chance(0.04))) {
        p.other = r.skewed(k, 1.8);
        if (p.kind !== "adviser") p.relative = r.pick(["son-in-law", "daughter", "brother", "wife", "nephew", "cousin"]);
      }
      this.people.push(p);
    }
    return this.people[i]!;
  }
}

function weekdayOf(date: Date): string {
  return WEEKDAYS[date.getUTCDay()]!;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** How many cast members article i may draw from: the news keeps introducing new names. */
function poolSizes(i: number): { people: number; orgs: number; cities: number } {
  return { people: 120 + Math.floor(i * 0.35), orgs: 50 + Math.floor(i * 0.12), cities: 30 + Math.floor(i * 0.02) };
}

class ArticleWriter {
  private readonly r: Rng;
  private readonly named = new Set<number>();
  private readonly namedOrgs = new Set<number>();
  private readonly pools: ReturnType<typeof poolSizes>;
  readonly date: Date;
  readonly city: string;
  readonly focus: number[];
  readonly topic: string;
  readonly doc: string;

  constructor(
    private readonly cast: Cast,
    seed: number,
    readonly index: number,
  ) {
    this.r = new Rng(mixSeed(seed, "article", index));
    this.pools = poolSizes(index);
    // Two years of news, roughly in file order.
    const day = Math.min(729, Math.max(0, Math.floor((index % 20_000) * 0.07) + this.r.int(-3, 3)));
    this.date = addDays(new Date(Date.UTC(2024, 0, 1)), day);
    this.city = this.r.chance(0.45) ? this.r.pick(COUNTRIES).capital : cast.city(this.r.skewed(this.pools.cities, 1.5));
    this.focus = [this.pickPerson(), this.pickPerson(), this.pickPerson()];
    this.topic = this.r.pick(TOPICS);
    const docCity = cast.city(this.r.skewed(this.pools.cities, 2.5));
    this.doc = `${docCity} ${this.r.pick(DOC_KINDS)}`;
  }

  /** A quarter of the picks come from a core cast of 40 that stays in the news; the rest from everyone so far. */
  private pickPerson(): number {
    return this.r.chance(0.25) ? this.r.skewed(40, 1.5) : this.r.skewed(this.pools.people, 1.5);
  }

  private pickOrg(): number {
    return this.r.chance(0.25) ? this.r.skewed(20, 1.5) : this.r.skewed(this.pools.orgs, 1.5);
  }

  private someone(): number {
    return this.r.chance(0.6) ? this.r.pick(this.focus) : this.pickPerson();
  }

  private placeName(): string {
    const r = this.r;
    if (r.chance(0.3)) return this.city;
    return r.chance(0.5) ? r.pick(COUNTRIES).capital : this.cast.city(r.skewed(this.pools.cities, 1.5));
  }

  /** "the Halvex Institute for Energy Security" / "Norvia Shipping" (first time with the acronym). */
  orgName(i: number, opts: { start?: boolean } = {}): string {
    const o = this.cast.org(i);
    const first = !this.namedOrgs.has(i);
    this.namedOrgs.add(i);
    let name = o.name;
    if (o.short && !first && this.r.chance(0.6)) name = o.short;
    else if (o.short && first) name = `${o.name} (${o.short})`;
    if (o.kind === "party" && first && this.r.chance(0.5)) name = `${o.country.name}'s ${o.name}`;
    else if (o.the) name = `${opts.start ? "The" : "the"} ${name}`;
    return name;
  }

  /** A person's role as an apposition: "the chief executive of Norvia Shipping". */
  private apposition(i: number): string {
    const p = this.cast.person(i);
    switch (p.kind) {
      case "minister":
        return `${p.country.demonym} ${p.role.toLowerCase()}`;
      case "leader":
        return `the ${p.role.toLowerCase()} of ${p.country.name}`;
      case "executive":
      case "official":
      case "analyst":
        return `${p.role === "founder" ? "the founder" : `the ${p.role}`} ${p.kind === "analyst" ? "at" : "of"} ${this.orgName(p.org)}`;
      case "diplomat":
        return p.role === "ambassador" ? `${p.country.demonym} ambassador to ${this.r.pick(COUNTRIES.filter((c) => c !== p.country)).name}` : `${p.country.demonym} special envoy for ${this.topic}`;
      case "lawmaker":
        return `a lawmaker from ${this.orgName(p.org)}`;
      case "adviser":
        return `${/^[aeiou]/.test(p.role) ? "an" : "a"} ${p.role} ${p.other !== undefined ? `to ${this.fullName(p.other)}` : `in the ${p.country.demonym} government`}`;
    }
  }

  private fullName(i: number): string {
    const p = this.cast.person(i);
    this.named.add(i);
    return `${p.given} ${p.surname}`;
  }

  /** First mention: title + full name or full name + apposition; later: surname or Mr/Ms surname. */
  ref(i: number, opts: { start?: boolean; bare?: boolean } = {}): string {
    const p = this.cast.person(i);
    const r = this.r;
    if (this.named.has(i)) {
      if (r.chance(0.25)) return `${p.gender === "f" ? "Ms" : "Mr"} ${p.surname}`;
      return p.surname;
    }
    const full = this.fullName(i);
    if (opts.bare) return full;
    if ((p.kind === "minister" || p.kind === "leader") && r.chance(0.6)) return `${p.country.demonym} ${p.role} ${full}`;
    if (p.kind === "executive" && r.chance(0.35)) return `${this.cast.org(p.org).name} ${p.role === "chief executive" ? "chief executive" : p.role} ${full}`;
    if (p.kind === "adviser" && p.other !== undefined && r.chance(0.5)) {
      const other = this.cast.person(p.other);
      const boss = this.named.has(p.other) ? other.surname : this.fullName(p.other);
      return `${boss}'s ${p.role} ${full}`;
    }
    if (p.relative && p.other !== undefined && r.chance(0.7)) {
      const other = this.cast.person(p.other);
      return `${full}, ${this.named.has(p.other) ? other.surname : this.fullName(p.other)}'s ${p.relative},`;
    }
    return `${full}, ${this.apposition(i)},`;
  }

  dateText(): string {
    const r = this.r;
    const d = addDays(this.date, -r.int(1, 6));
    const roll = r.float();
    if (roll < 0.4) return `on ${weekdayOf(d)}`;
    if (roll < 0.7) return `on ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
    if (roll < 0.85) return `on ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    return r.pick(["last week", "earlier this month", "on Monday evening", "late on Thursday"]);
  }

  private quote(): string {
    const r = this.r;
    const a = r.pick([
      "We will not accept any deal that undermines our sovereignty",
      "The door to negotiations remains open",
      "This is a serious step, and we expect a serious answer",
      "Nobody wins from a prolonged dispute",
      "We have made clear what our red lines are",
      "The figures speak for themselves",
      "There is still a lot of work to do before anything is signed",
      "Our priority is to protect jobs and keep prices stable",
      "We are ready to sit down at the table tomorrow",
      "These measures are targeted and proportionate",
    ]);
    const b = r.chance(0.4) ? `, ${r.pick(["and we will say so in public", "but time is running out", "whatever the pressure", "as we have said many times"])}` : "";
    return `${a}${b}`;
  }

  private q(text: string): string {
    return this.r.chance(0.7) ? `“${text},”` : `"${text},"`;
  }

  private filler(): string {
    const r = this.r;
    return r.pick([
      `Officials did not give further details, and it was not clear when talks on ${this.topic} would resume.`,
      `The negotiations come amid rising energy prices and a long-running dispute over transit fees.`,
      `Markets were little changed after the announcement, with the benchmark index down ${r.int(1, 9)}.${r.int(0, 9)} percent by midday.`,
      `Trade between the two countries fell by about ${r.int(5, 40)} percent last year, according to official figures.`,
      `Diplomats said a final agreement on ${this.topic} was unlikely before the end of the year.`,
      `The ministry did not respond to a request for comment.`,
      `Critics say the arrangement favours large exporters and leaves smaller firms exposed.`,
      `The government has said it expects growth of ${r.int(1, 4)}.${r.int(0, 9)} percent this year, down from an earlier forecast.`,
      `Analysts said the outcome would depend largely on whether parliament approves the budget in the coming weeks.`,
      `Several rounds of talks earlier this year ended without a deal, and both sides have accused each other of stalling.`,
      `Shipping volumes through the port have roughly doubled since ${2015 + r.int(0, 8)}, according to port data.`,
      `The proposal would need the approval of all member states before it could take effect.`,
      `Prices for ${r.pick(["wheat", "diesel", "natural gas", "copper", "fertiliser"])} have risen by ${r.int(10, 60)} percent since the spring.`,
      `The talks were held behind closed doors and no joint statement was issued.`,
      `A vote on the measure is expected ${r.pick(["next month", "before the summer recess", "by the end of the year"])}.`,
      `The central bank kept its main interest rate unchanged at ${r.int(2, 9)}.${r.pick(["0", "25", "5", "75"])} percent.`,
      `Opposition parties have called for an inquiry into how the contracts were awarded.`,
      `It was not immediately clear how the measures would be enforced.`,
    ]);
  }

  /** One body sentence (or two) of a kind drawn at random. */
  sentence(): string {
    const r = this.r;
    const roll = r.float();
    if (roll < 0.12) {
      const [a, b] = [this.someone(), this.someone()];
      if (a === b) return this.filler();
      return r.pick([
        () => `${this.ref(a, { start: true })} met ${this.ref(b)} in ${this.placeName()} ${this.dateText()} to discuss ${this.topic}, ${r.pick(["officials said", "according to a statement", "the ministry said"])}.`,
        () => `${this.ref(a, { start: true })} and ${this.ref(b)} held talks in ${this.placeName()} ${this.dateText()}, the first such meeting in ${r.int(2, 11)} months.`,
        () => `Talks between ${this.ref(a, { bare: true })} and ${this.ref(b, { bare: true })} in ${this.placeName()} lasted ${r.pick(["two", "three", "four", "five"])} hours, according to people familiar with the meeting.`,
        () => `${this.ref(a, { start: true })} is expected to meet ${this.ref(b)} in ${this.placeName()} next week, ${r.pick(["two officials said", "diplomats said"])}.`,
      ])();
    }
    if (roll < 0.17) {
      const [a, b, c] = [this.someone(), this.pickPerson(), this.pickPerson()];
      if (new Set([a, b, c]).size < 3) return this.filler();
      return `The delegations included ${this.ref(a, { bare: true })}, ${this.ref(b, { bare: true })} and ${this.ref(c, { bare: true })}, who met in ${this.placeName()} ${this.dateText()}.`;
    }
    if (roll < 0.34) {
      const p = this.someone();
      return r.pick([
        () => `${this.q(this.quote())} ${this.ref(p, { bare: true })} told reporters in ${this.placeName()}.`,
        () => `${this.q(this.quote())} said ${this.ref(p)} ${r.pick(["in a statement", "in an interview", "at a news conference"])}.`,
      ])();
    }
    if (roll < 0.44) {
      const p = this.someone();
      const person = this.cast.person(p);
      if (person.kind === "executive" || person.kind === "official" || person.kind === "analyst") {
        const verb = r.pick(["said the company would", "said the group planned to", "said it was too early to", "told the newspaper it would"]);
        return `${this.fullNameOnce(p)}, ${this.apposition(p)}, ${verb} ${r.pick(["review its contracts", "cut output next year", "expand its operations", "appeal the decision", "seek new partners"])}.`;
      }
      return `${this.ref(p, { start: true })} said ${this.dateText()} that ${r.pick(["the talks had made progress", "no deal had been reached", "the government would not change course", "a compromise was still possible"])}.`;
    }
    if (roll < 0.52) {
      const o = this.pickOrg();
      const c = r.pick(COUNTRIES);
      const org = this.cast.org(o);
      const boss = this.findHead(o);
      const who = boss !== null ? ` and its ${this.cast.person(boss).role}, ${this.ref(boss, { bare: true })},` : "";
      return r.pick([
        () => `${c.name} imposed sanctions on ${this.orgName(o)}${who} ${this.dateText()}, citing ${r.pick(REASONS)}.`,
        () => `The ${c.demonym} government sanctioned ${this.orgName(o)} over ${r.pick(REASONS)}, ${org.kind === "company" ? "freezing its assets" : "banning its officials from travel"}.`,
      ])();
    }
    if (roll < 0.59) {
      const o = this.pickOrg();
      return r.pick([
        () => `${cap(this.orgName(o, { start: true }))}, in a report published ${this.dateText()}, said ${r.pick(["exports had fallen sharply", "the sanctions were being evaded through third countries", "investment in the sector had doubled", "the plan would cost more than expected"])}.`,
        () => `The report, first made public by ${r.pick(this.cast.publishers)}, said ${r.pick(["the deal had been agreed in principle", "officials had been warned months earlier", "several companies were under investigation"])}.`,
      ])();
    }
    if (roll < 0.66) {
      const p = this.someone();
      const o = this.pickOrg();
      return r.pick([
        () => `${this.ref(p, { start: true })} said ${this.orgName(o)} ${r.pick(["supports", "backs", "opposes", "rejects"])} the ${this.doc}.`,
        () => `${cap(this.orgName(o, { start: true }))} ${r.pick(["supports", "opposes"])} the ${this.doc}, which was drafted by ${this.ref(p, { bare: true })} ${r.pick(["last year", "in the spring", "with European officials"])}.`,
      ])();
    }
    if (roll < 0.72) {
      const p = this.someone();
      const person = this.cast.person(p);
      if (person.other !== undefined && !this.named.has(p)) {
        const relation = person.relative ?? person.role;
        return `${this.fullName(person.other)}'s ${relation} ${this.fullName(p)} ${r.pick(["attended the meeting", "declined to comment", "was also present", "has been involved in the talks"])}, ${r.pick(["officials said", "according to two sources"])}.`;
      }
      return this.filler();
    }
    return this.filler();
  }

  private fullNameOnce(i: number): string {
    const p = this.cast.person(i);
    if (this.named.has(i)) return p.surname;
    return this.fullName(i);
  }

  private findHead(org: number): number | null {
    // The head of an organization: the first cast member with a head role there (stable per org).
    for (let k = 0; k < Math.min(this.pools.people, 400); k++) {
      const p = this.cast.person(k);
      if (p.org === org && (p.kind === "executive" || p.kind === "official") && /chief executive|chairman|president|head|director|founder/.test(p.role)) return k;
    }
    return null;
  }

  headline(): string {
    const r = this.r;
    const a = this.cast.person(this.focus[0]!);
    const b = this.cast.person(this.focus[1]!);
    return r.pick([
      () => `${a.surname} meets ${b.surname} in ${this.city} as ${this.topic} talks resume`,
      () => `${a.country.name} and ${b.country.name} edge closer to deal on ${this.topic}`,
      () => `${cap(this.topic)} talks stall as ${a.surname} warns of ${r.pick(["delays", "costs", "new sanctions"])}`,
      () => `Exclusive: ${this.cast.org(this.pickOrg()).name} under scrutiny over ${r.pick(REASONS)}`,
      () => `${a.country.demonym} ${a.kind === "minister" ? a.role.toLowerCase() : "officials"} push ${this.doc} ahead of ${this.city} summit`,
    ])();
  }

  write(targetChars: number): { title: string; text: string } {
    const r = this.r;
    const title = this.headline();
    const publisher = this.publisher();
    const dateline = `${this.city.toUpperCase()}, ${MONTHS[this.date.getUTCMonth()]} ${this.date.getUTCDate()} (${publisher}) -`;
    const lead = `${dateline} ${this.leadSentence()}`;
    const reporters = [r.pick(this.cast.reporters), r.pick(this.cast.reporters)];
    const head = `${title}\n\nBy ${reporters[0]}\n\n${lead}\n\n`;
    const credit = `\n\n(Reporting by ${reporters[0]}; additional reporting by ${reporters[1]}; editing by ${r.pick(this.cast.reporters)})\n`;
    let body = "";
    for (let guard = 0; guard < 200; guard++) {
      const n = r.int(1, 3);
      const paragraph: string[] = [];
      for (let s = 0; s < n; s++) paragraph.push(this.sentence());
      const next = paragraph.join(" ") + "\n\n";
      const total = head.length + body.length + next.length + credit.length;
      if (total > 8000) {
        if (head.length + body.length + credit.length >= 2100) break;
        continue;
      }
      body += next;
      if (total >= targetChars) break;
    }
    return { title, text: head + body.trimEnd() + credit };
  }

  private publisherIndex = -1;

  publisher(): string {
    if (this.publisherIndex < 0) this.publisherIndex = this.r.skewed(this.cast.publishers.length, 1.5);
    return this.cast.publishers[this.publisherIndex]!;
  }

  private leadSentence(): string {
    const [a, b] = this.focus;
    if (a === b) return `${this.ref(a!, { start: true })} said ${this.dateText()} that talks on ${this.topic} would continue.`;
    return `${this.ref(a!, { start: true })} met ${this.ref(b!)} in ${this.city} ${this.dateText()} for talks on ${this.topic}, ${this.r.pick(["officials said", "the two sides said in a joint statement", "according to a government statement"])}.`;
  }
}

/** Article `index` (0-based) of the corpus generated from `seed`; the cast must come from the same seed. */
export function synthArticle(cast: Cast, index: number): SynthArticle {
  const seed = cast.seed;
  const writer = new ArticleWriter(cast, seed, index);
  const r = new Rng(mixSeed(seed, "size", index));
  // Log-uniform between ~2.3 and ~7.6 KB: most wire stories are short, a few run long.
  const target = Math.round(2300 * Math.pow(7600 / 2300, r.float()));
  const { title, text } = writer.write(target);
  const id = `a${String(index).padStart(6, "0")}`;
  const publisher = writer.publisher();
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return { id, file: `${id}.txt`, title, publisher, url: `https://news.example/${isoDate(writer.date).replace(/-/g, "/")}/${slug}`, date: isoDate(writer.date), text };
}

export interface SynthCorpusStats {
  articles: number;
  bytes: number;
}

/** Articles [from, to) of the corpus, one at a time (nothing is held but the cast). */
export function* synthArticles(seed: number, count: number, from = 0): Generator<SynthArticle> {
  const cast = new Cast(seed);
  for (let i = from; i < count; i++) yield synthArticle(cast, i);
}

/** The articles.json record of an article. */
export function metadataRecord(a: SynthArticle): { id: string; file: string; title: string; publisher: string; url: string; date: string } {
  return { id: a.id, file: a.file, title: a.title, publisher: a.publisher, url: a.url, date: a.date };
}
