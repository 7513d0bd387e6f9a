// Generic knowledge the extractor may use: countries and their demonyms, capitals used as
// metonyms, well-known international bodies and news outlets, titles and roles, organization
// suffixes. Nothing here is a fact taken from a particular article: every entry is true of
// news text in general. compromise's lexicon (first names, cities, regions, common words) is
// consulted through lexicon.ts.

export interface CountryInfo {
  name: string;
  aliases: string[];
  demonyms: string[];
  /** Capital (or seat of government) used metonymically for the state: "Moscow said …". */
  capitals: string[];
}

// name | aliases | demonyms | capitals (metonyms)
const COUNTRY_ROWS = `
United States|US,U.S.,USA,U.S.A.,America,United States of America|American,US,U.S.|Washington
Russia|Russian Federation|Russian|Moscow,Kremlin
Ukraine||Ukrainian|Kyiv,Kiev
United Kingdom|UK,U.K.,Britain,Great Britain|British|London
France||French|Paris
Germany||German|Berlin
Italy||Italian|Rome
Spain||Spanish|Madrid
Portugal||Portuguese|Lisbon
Poland||Polish|Warsaw
Czech Republic|Czechia|Czech|Prague
Slovakia||Slovak|Bratislava
Hungary||Hungarian|Budapest
Austria||Austrian|Vienna
Switzerland||Swiss|Bern
Belgium||Belgian|
Netherlands|Holland|Dutch|The Hague,Amsterdam
Luxembourg||Luxembourgish|
Ireland||Irish|Dublin
Denmark||Danish|Copenhagen
Sweden||Swedish|Stockholm
Norway||Norwegian|Oslo
Finland||Finnish|Helsinki
Estonia||Estonian|Tallinn
Latvia||Latvian|Riga
Lithuania||Lithuanian|Vilnius
Belarus||Belarusian|Minsk
Moldova||Moldovan|Chisinau
Romania||Romanian|Bucharest
Bulgaria||Bulgarian|Sofia
Greece||Greek|Athens
Cyprus||Cypriot|Nicosia
Turkey|Türkiye|Turkish|Ankara
Georgia||Georgian|Tbilisi
Armenia||Armenian|Yerevan
Azerbaijan||Azerbaijani|Baku
Kazakhstan||Kazakh|Astana
Serbia||Serbian|Belgrade
Croatia||Croatian|Zagreb
Slovenia||Slovenian|Ljubljana
Bosnia and Herzegovina|Bosnia|Bosnian|Sarajevo
Albania||Albanian|Tirana
North Macedonia|Macedonia|Macedonian|Skopje
Montenegro||Montenegrin|Podgorica
Kosovo||Kosovar|Pristina
Iceland||Icelandic|Reykjavik
Malta||Maltese|Valletta
China|People's Republic of China,PRC|Chinese|Beijing
Japan||Japanese|Tokyo
South Korea|Republic of Korea|South Korean|Seoul
North Korea|DPRK|North Korean|Pyongyang
Taiwan||Taiwanese|Taipei
India||Indian|New Delhi
Pakistan||Pakistani|Islamabad
Afghanistan||Afghan|Kabul
Iran||Iranian|Tehran
Iraq||Iraqi|Baghdad
Syria||Syrian|Damascus
Israel||Israeli|Jerusalem
Lebanon||Lebanese|Beirut
Jordan||Jordanian|Amman
Saudi Arabia||Saudi|Riyadh
United Arab Emirates|UAE|Emirati|Abu Dhabi
Qatar||Qatari|Doha
Egypt||Egyptian|Cairo
Libya||Libyan|Tripoli
Tunisia||Tunisian|Tunis
Algeria||Algerian|Algiers
Morocco||Moroccan|Rabat
Nigeria||Nigerian|Abuja
South Africa||South African|Pretoria
Ethiopia||Ethiopian|Addis Ababa
Kenya||Kenyan|Nairobi
Sudan||Sudanese|Khartoum
Canada||Canadian|Ottawa
Mexico||Mexican|Mexico City
Brazil||Brazilian|Brasilia
Argentina||Argentine,Argentinian|Buenos Aires
Chile||Chilean|Santiago
Colombia||Colombian|Bogota
Venezuela||Venezuelan|Caracas
Cuba||Cuban|Havana
Australia||Australian|Canberra
New Zealand||New Zealander|Wellington
Indonesia||Indonesian|Jakarta
Vietnam||Vietnamese|Hanoi
Thailand||Thai|Bangkok
Philippines||Filipino,Philippine|Manila
Malaysia||Malaysian|Kuala Lumpur
Singapore||Singaporean|
Bangladesh||Bangladeshi|Dhaka
`;

function splitList(field: string | undefined): string[] {
  return (field ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

export const COUNTRIES: CountryInfo[] = COUNTRY_ROWS.trim()
  .split("\n")
  .map((row) => {
    const [name, aliases, demonyms, capitals] = row.split("|");
    return { name: name!.trim(), aliases: splitList(aliases), demonyms: splitList(demonyms), capitals: splitList(capitals) };
  });

/** Well-known international bodies and blocs: canonical name → aliases. */
export const INTERNATIONAL_BODIES: Array<{ name: string; aliases: string[]; metonyms?: string[] }> = [
  { name: "European Union", aliases: ["EU", "E.U."], metonyms: ["Brussels"] },
  { name: "NATO", aliases: ["North Atlantic Treaty Organization", "Nato"] },
  { name: "United Nations", aliases: ["UN", "U.N."] },
  { name: "UN Security Council", aliases: ["United Nations Security Council", "Security Council"] },
  { name: "European Commission", aliases: ["EU Commission"] },
  { name: "European Parliament", aliases: [] },
  { name: "European Council", aliases: [] },
  { name: "Council of Europe", aliases: [] },
  { name: "European Central Bank", aliases: ["ECB"] },
  { name: "International Monetary Fund", aliases: ["IMF"] },
  { name: "World Bank", aliases: [] },
  { name: "World Health Organization", aliases: ["WHO"] },
  { name: "World Trade Organization", aliases: ["WTO"] },
  { name: "World Economic Forum", aliases: ["WEF"] },
  { name: "Organization for Security and Co-operation in Europe", aliases: ["OSCE"] },
  { name: "OPEC", aliases: ["Organization of the Petroleum Exporting Countries"] },
  { name: "G7", aliases: ["Group of Seven"] },
  { name: "G8", aliases: ["Group of Eight"] },
  { name: "G20", aliases: ["Group of 20", "Group of Twenty"] },
  { name: "BRICS", aliases: [] },
  { name: "ASEAN", aliases: ["Association of Southeast Asian Nations"] },
  { name: "African Union", aliases: [] },
  { name: "Arab League", aliases: [] },
  { name: "International Criminal Court", aliases: ["ICC"] },
  { name: "International Court of Justice", aliases: ["ICJ"] },
  { name: "International Atomic Energy Agency", aliases: ["IAEA"] },
  { name: "Interpol", aliases: [] },
  { name: "Red Cross", aliases: ["International Committee of the Red Cross", "ICRC"] },
  { name: "Amnesty International", aliases: [] },
  { name: "Human Rights Watch", aliases: ["HRW"] },
  { name: "Transparency International", aliases: [] },
  { name: "Greenpeace", aliases: [] },
  { name: "Médecins Sans Frontières", aliases: ["Doctors Without Borders", "MSF"] },
  { name: "International Organization for Migration", aliases: ["IOM"] },
  { name: "UNHCR", aliases: ["UN Refugee Agency", "United Nations High Commissioner for Refugees"] },
  { name: "UNICEF", aliases: [] },
  { name: "World Food Programme", aliases: ["WFP"] },
];

/** Well-known news outlets, agencies and platforms (type Organization). */
export const MEDIA_OUTLETS: Array<{ name: string; aliases: string[] }> = [
  { name: "Reuters", aliases: [] },
  { name: "Associated Press", aliases: ["AP"] },
  { name: "Agence France-Presse", aliases: ["AFP"] },
  { name: "Bloomberg", aliases: ["Bloomberg News"] },
  { name: "Axios", aliases: [] },
  { name: "Politico", aliases: [] },
  { name: "CBS News", aliases: ["CBS"] },
  { name: "CNN", aliases: [] },
  { name: "NBC News", aliases: ["NBC"] },
  { name: "ABC News", aliases: ["ABC"] },
  { name: "Fox News", aliases: [] },
  { name: "BBC", aliases: ["BBC News"] },
  { name: "Al Jazeera", aliases: [] },
  { name: "The New York Times", aliases: ["New York Times", "NYT"] },
  { name: "The Washington Post", aliases: ["Washington Post"] },
  { name: "The Wall Street Journal", aliases: ["Wall Street Journal", "WSJ"] },
  { name: "Financial Times", aliases: ["FT"] },
  { name: "The Guardian", aliases: ["Guardian"] },
  { name: "The Economist", aliases: ["Economist"] },
  { name: "Time", aliases: ["Time magazine"] },
  { name: "Newsweek", aliases: [] },
  { name: "The Atlantic", aliases: [] },
  { name: "Le Monde", aliases: [] },
  { name: "Der Spiegel", aliases: ["Spiegel"] },
  { name: "TASS", aliases: [] },
  { name: "RIA Novosti", aliases: ["RIA"] },
  { name: "Interfax", aliases: [] },
  { name: "Kyiv Independent", aliases: [] },
  { name: "X", aliases: ["Twitter"] },
  { name: "Facebook", aliases: [] },
  { name: "Telegram", aliases: [] },
];

/** Other metonyms for institutions (not capitals): "Capitol Hill said …". */
export const INSTITUTION_METONYMS: Record<string, string> = {
  "Capitol Hill": "Congress",
  Kremlin: "Russia",
  "the Kremlin": "Russia",
};

/**
 * Role nouns that, placed before a name, are a title ("Senator Roger Wicker") and, after a
 * name in apposition, a role ("Kirill Dmitriev, head of …"). Lower-case forms.
 */
export const ROLE_WORDS = new Set(
  `president vice prime minister secretary senator sen. representative rep. congressman congresswoman
  governor mayor chancellor premier king queen prince princess sheikh emir pope ambassador envoy
  chief executive officer ceo cfo coo cto chairman chairwoman chairperson chair head boss director
  manager founder co-founder partner spokesman spokeswoman spokesperson adviser advisor aide counsel
  counselor lawyer attorney general gen. admiral colonel col. major lieutenant lt. captain capt. commander
  commissioner deputy undersecretary under-secretary assistant official officer diplomat negotiator
  leader founder owner investor financier banker economist analyst professor prof. dr. doctor judge justice
  mr mr. mrs mrs. ms ms. sir lord lady dame rabbi imam bishop cardinal father reverend
  mp mep lawmaker legislator member speaker whip treasurer auditor inspector editor correspondent reporter
  journalist columnist author writer translator producer anchor host spokesperson chief-of-staff
  special senior former acting interim high foreign defense defence interior finance transport justice
  health trade economy energy state national security deputy-head managing associate executive
  commercial financial legal technical operations communications corporate
  opposition`.split(/\s+/),
);

/** Roles that make the person the head of the organization they are attached to. */
export const HEAD_ROLES = [
  "chief executive officer",
  "chief executive",
  "ceo",
  "president of the management board",
  "president",
  "prime minister",
  "chairman",
  "chairwoman",
  "chairperson",
  "chair",
  "head",
  "boss",
  "leader",
  "director-general",
  "director general",
  "general director",
  "managing director",
  "executive director",
  "director",
  "founder and chairman",
  "founder and chair",
  "chief",
  "governor",
  "mayor",
  "king",
  "queen",
  "chancellor",
  "secretary-general",
  "secretary general",
];

/** Advisory roles: "Putin's senior aide Yuri Ushakov" → ADVISES. */
export const ADVISER_ROLES = ["adviser", "advisor", "aide", "envoy", "special envoy", "counselor", "counsellor", "consultant"];

/** Family roles: "Trump's son-in-law Jared Kushner" → RELATIVE_OF. */
export const FAMILY_ROLES = [
  "son-in-law",
  "daughter-in-law",
  "father-in-law",
  "mother-in-law",
  "brother-in-law",
  "sister-in-law",
  "nephew",
  "niece",
  "son",
  "daughter",
  "wife",
  "husband",
  "brother",
  "sister",
  "father",
  "mother",
  "cousin",
  "uncle",
  "aunt",
  "grandson",
  "granddaughter",
  "spouse",
  "stepson",
  "stepdaughter",
];

/**
 * Titles that name the body the holder belongs to or heads, when the text does not name it:
 * generic facts of government ("Secretary of State" heads the State Department).
 */
export const TITLE_BODIES: Array<{ title: RegExp; body: string; relation: "HEADS" | "MEMBER_OF"; country?: string }> = [
  { title: /^secretary of state$/i, body: "State Department", relation: "HEADS", country: "United States" },
  { title: /^(?:us |u\.s\. )?(?:senator|sen\.)$/i, body: "Congress", relation: "MEMBER_OF", country: "United States" },
  { title: /^(?:us |u\.s\. )?(?:representative|rep\.|congressman|congresswoman)$/i, body: "Congress", relation: "MEMBER_OF", country: "United States" },
];

/** Last words that make a capitalized phrase an organization. */
export const ORG_HEAD_WORDS = new Set(
  `council committee commission department ministry agency office bureau service services fund bank union
  party forum association federation institute institution university college school court tribunal
  parliament senate congress assembly board authority administration directorate secretariat
  organization organisation corporation corp company co inc ltd llc llp plc gmbh ag sa s.a. a.s. nv bv
  group holdings holding capital partners advisory consulting consultancy leasing airlines airline airways
  aviation energy oil gas motors industries technologies systems media news times post herald
  review brief journal gazette tribune press daily weekly magazine radio television tv
  army navy force forces guard police staff command corps brigade battalion regiment
  foundation trust alliance coalition movement league club team church house international platforms networks solutions software therapeutics entertainment studios brands logistics robotics electronics
  exchange market markets securities investments ventures labs laboratories pharma pharmaceuticals
  telecom communications railways treasury directorate-general`.split(/\s+/),
);

/** Legal-form suffixes stripped for matching ("Polavia S.A." ≈ "Polavia"). */
export const LEGAL_SUFFIXES = ["s.a.", "a.s.", "s.r.o.", "sp. z o.o.", "llp", "llc", "ltd", "ltd.", "inc", "inc.", "plc", "gmbh", "ag", "nv", "bv", "corp", "corp.", "& co.", "& co", "co.", "oy", "ab", "spa", "s.p.a."];

/** Descriptor words after a brand that do not make a different organization ("Vltavia Airlines" ≈ "Vltavia"). */
export const BRAND_DESCRIPTORS = new Set(
  `airlines airline airways air aviation leasing capital advisory group holdings holding partners bank
  consulting investments energy media technologies systems international corporation company department`.split(/\s+/),
);

/** Last words that make a capitalized phrase a place. */
export const PLACE_HEAD_WORDS = new Set(
  `airport sea ocean river lake mountains mountain island islands peninsula region province oblast
  district county state valley bay gulf strait coast desert street square avenue palace hotel
  city town village canal bridge`.split(/\s+/),
);

/** Geographic regions and blocs named as places (generic geography). */
export const REGIONS = [
  "Europe",
  "Eastern Europe",
  "Western Europe",
  "Central Europe",
  "Northern Europe",
  "Southern Europe",
  "Central Asia",
  "East Asia",
  "South Asia",
  "Southeast Asia",
  "Asia",
  "Africa",
  "North Africa",
  "Middle East",
  "Latin America",
  "South America",
  "North America",
  "Balkans",
  "Baltics",
  "Caucasus",
  "Arctic",
  "Antarctica",
  "Scandinavia",
  "Global South",
  "Global North",
  "Mediterranean",
  "Black Sea",
  "Baltic Sea",
  "Caspian Sea",
  "Red Sea",
  "Persian Gulf",
  "Gulf",
  "Sahel",
  "Pacific",
  "Atlantic",
];

/**
 * Capitalized words that are never names on their own: page furniture, days, months, generic
 * headings. Lower-case forms.
 */
export const NON_NAME_WORDS = new Set(
  `published updated read more related posts share subscribe comment comments contribute advertisement
  skip content logo img image photo video live breaking news update urgent exclusive analysis opinion
  explainer editorial sponsored menu home search login sign newsletter follow email print
  monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  am pm gmt cet cest utc est edt bst
  the a an this that these those it its he she they we i you his her their our my your
  mr mrs ms
  key events summary why what who how when where which
  yes no not
  chapter part section article page`.split(/\s+/),
);

/** Capitalized phrases used as ordinary nouns or page labels in news, never entities. */
export const NON_ENTITY_PHRASES = new Set(
  [
    "read more",
    "related posts",
    "key events",
    "media contacts",
    "forward-looking statements",
    "for immediate release",
    "press release",
    "breaking news",
    "our standards",
    "source transparency",
    "support our work",
    "exclusive analysis continues",
    "why it matters",
  ].map((s) => s.toLowerCase()),
);

/** Upper-case abbreviations that are not organizations. */
export const NON_ORG_ACRONYMS = new Set(
  `AI CEO CFO COO CTO GDP MP MEP PM AM TV ID IT PR HQ USD EUR GBP CZK PLN RUB UAH CET CEST GMT UTC EST EDT BST OK DNA COVID VAT IPO LNG ESG
  FAQ PDF URL CTA LIVE BREAKING URGENT UPDATE EXCLUSIVE NEWS OPINION ANALYSIS EXPLAINER SECRET MORE READ II III IV`.split(/\s+/),
);

/** Head nouns of events: a capitalized phrase ending so is an event name, not a person or place. */
export const EVENT_HEAD_WORDS = new Set(
  `summit talks meeting meetings conference channel dinner session sessions negotiations dialogue
  consultations visit ceremony hearing briefing gathering rally war crisis conflict strikes strike
  perspective context nature factor dilemma paradox goal shift response significance engagement model
  strategy plan deal agreement`.split(/\s+/),
);

/** Plural demonyms that stand for a state's side ("the Poles", "the Russians"). */
export const IRREGULAR_PLURAL_DEMONYMS: Record<string, string> = {
  Poles: "Poland",
  Brits: "United Kingdom",
  Swedes: "Sweden",
  Danes: "Denmark",
  Finns: "Finland",
  Turks: "Turkey",
  Greeks: "Greece",
  Czechs: "Czech Republic",
  Slovaks: "Slovakia",
  Croats: "Croatia",
  Serbs: "Serbia",
  Swiss: "Switzerland",
};

/** Head nouns of an organization's internal bodies: "Vltavia’s Supervisory Board" is part of Vltavia, not an entity of its own. */
export const SUB_UNIT_HEADS = new Set(["board", "communications", "team", "unit", "desk", "management"]);
