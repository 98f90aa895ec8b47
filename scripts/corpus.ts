/**
 * A deterministic generator of valid articles, for benchmarks (`check`, the site build, plain
 * Astro) and for trying the site at scale.
 *
 *   node scripts/corpus.ts <dir> <count> [--seed <text>] [--flat] [--clean]
 *
 * Article `i` depends only on the seed and `i`, never on `count`: the same count always gives
 * byte-identical files, and a corpus of 1,000 is the first 1,000 articles of one of 10,000.
 * Randomness comes from a seeded PRNG (mulberry32), never from `Math.random` or the clock; no
 * locale or time-zone dependent formatting is used.
 *
 * Every article follows the article contract (CONTENT-SPEC.md) and passes `check --strict`:
 * every source is cited, no source is dated after the article, every disputed claim is answered,
 * event ranges never end before they start, and shared event ids carry the same `date`/`end`
 * text in every article (they come from one fixed pool of {@link SHARED_EVENT_COUNT} events).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceType } from '../src/article/schema/source.ts';

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

export interface CorpusOptions {
  /** Seeds every random choice. Default `dossier`. */
  readonly seed?: string;
  /** Earliest publication day, `YYYY-MM-DD`. Default `2019-01-01`. */
  readonly from?: string;
  /** Latest publication day, `YYYY-MM-DD`. Default `2026-06-30`. */
  readonly until?: string;
  /** Mean size of a file in bytes (each article is within about ±15% of it). Default 8,000. */
  readonly averageBytes?: number;
  /** Share of articles written in Italian (`lang: it`). Default 0.15. */
  readonly italianShare?: number;
  /** Share of drafts. Default 0.04. */
  readonly draftShare?: number;
  /** Put files in sub-folders by year of publication (`2024/slug.md`). Default true. */
  readonly byYear?: boolean;
  /** Delete the `.md` files already under `dir` first (other files are left alone). Default false. */
  readonly clean?: boolean;
}

type ResolvedOptions = Required<Omit<CorpusOptions, 'clean'>>;

const DEFAULTS: ResolvedOptions = {
  seed: 'dossier',
  from: '2019-01-01',
  until: '2026-06-30',
  averageBytes: 8000,
  italianShare: 0.15,
  draftShare: 0.04,
  byYear: true,
};

export interface GeneratedArticle {
  readonly index: number;
  readonly slug: string;
  /** UTC year of `published`. */
  readonly year: number;
  readonly lang: 'en' | 'it';
  readonly draft: boolean;
  /** Path relative to the corpus folder, with `/` separators. */
  readonly path: string;
  readonly text: string;
  /** Ids of the shared events the article records. */
  readonly sharedEvents: readonly string[];
}

export interface CorpusSummary {
  readonly dir: string;
  readonly count: number;
  readonly bytes: number;
  readonly drafts: number;
  readonly italian: number;
  /** Relative paths of the files written, in index order. */
  readonly files: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** FNV-1a over UTF-16 units, then a murmur3 finaliser so close seeds diverge. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: small, fast and good enough to make text look varied. */
export class Random {
  private state: number;

  constructor(seed: string) {
    this.state = hash32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** A shuffled copy of `items`. */
  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(this.next() * pool.length), 1);
      if (item !== undefined) out.push(item);
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Dates, written at every precision the contract accepts
// ---------------------------------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Precision = 'year' | 'month' | 'day' | 'instant' | 'instant-short' | 'offset';

/** Offsets in minutes; half-hour offsets included. */
const OFFSETS = [60, 120, -300, -240, 330, 540, -180, 180, 0, 600, -420];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The date as an editor would write it at `precision`; `offset` minutes for `offset` precision. */
function writeDate(ms: number, precision: Precision, offset = 60): string {
  switch (precision) {
    case 'year':
      return iso(ms).slice(0, 4);
    case 'month':
      return iso(ms).slice(0, 7);
    case 'day':
      return iso(ms).slice(0, 10);
    case 'instant':
      return `${iso(ms).slice(0, 19)}Z`;
    case 'instant-short':
      return `${iso(ms).slice(0, 16)}Z`;
    case 'offset': {
      const local = iso(ms + offset * MINUTE);
      const sign = offset < 0 ? '-' : '+';
      const abs = Math.abs(offset);
      const hh = String(Math.floor(abs / 60)).padStart(2, '0');
      const mm = String(abs % 60).padStart(2, '0');
      return `${local.slice(0, 16)}${sign}${hh}:${mm}`;
    }
  }
}

/** The earliest instant a date written from `ms` at `precision` can mean. */
function floorTo(ms: number, precision: Precision): number {
  const d = new Date(ms);
  switch (precision) {
    case 'year':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'day':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case 'instant':
      return Math.floor(ms / 1000) * 1000;
    case 'instant-short':
    case 'offset':
      return Math.floor(ms / MINUTE) * MINUTE;
  }
}

function parseDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`Expected a day as YYYY-MM-DD, got \`${text}\`.`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

interface WrittenDate {
  readonly text: string;
  /** Earliest instant it can mean. */
  readonly start: number;
}

function dateAt(random: Random, ms: number, precision: Precision): WrittenDate {
  const offset = random.pick(OFFSETS);
  const floored = floorTo(ms, precision);
  return { text: writeDate(floored, precision, offset), start: floored };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

interface Topic {
  readonly slug: string;
  /** Singular noun phrases, English. */
  readonly en: readonly string[];
  /** Singular noun phrases with their article, Italian. */
  readonly it: readonly string[];
}

/** The topic pool: every article has 1–4 of these; the first one sets what it is about. */
export const TOPICS: readonly Topic[] = [
  {
    slug: 'nato',
    en: ['defence spending', 'the alliance summit', 'burden-sharing', 'the eastern flank'],
    it: ['la spesa per la difesa', "il vertice dell'Alleanza", 'il fianco orientale'],
  },
  {
    slug: 'italy',
    en: ['the budget law', 'the regional autonomy reform', 'the recovery plan'],
    it: ['la legge di bilancio', "la riforma dell'autonomia", 'il piano di ripresa'],
  },
  {
    slug: 'united-states',
    en: ['the federal budget', 'the tariff schedule', 'the congressional inquiry'],
    it: ['il bilancio federale', 'il pacchetto di dazi', "l'inchiesta del Congresso"],
  },
  {
    slug: 'iran',
    en: ['the nuclear programme', 'the sanctions regime', 'the inspection agreement'],
    it: ['il programma nucleare', 'il regime delle sanzioni', "l'accordo sulle ispezioni"],
  },
  {
    slug: 'european-union',
    en: ['the single market', 'the common budget', 'the enlargement process'],
    it: ['il mercato unico', 'il bilancio comune', 'il processo di allargamento'],
  },
  {
    slug: 'energy',
    en: ['the gas price cap', 'the grid connection backlog', 'the storage target'],
    it: ['il tetto al prezzo del gas', 'la rete elettrica', "l'obiettivo di stoccaggio"],
  },
  {
    slug: 'climate',
    en: ['the emissions target', 'the carbon border levy', 'the adaptation fund'],
    it: [
      "l'obiettivo sulle emissioni",
      'la tassa sul carbonio alle frontiere',
      "il fondo per l'adattamento",
    ],
  },
  {
    slug: 'elections',
    en: ['the electoral law', 'the postal vote', 'the campaign finance rule'],
    it: ['la legge elettorale', 'il voto per corrispondenza', 'il finanziamento delle campagne'],
  },
  {
    slug: 'economy',
    en: ['the growth forecast', 'the inflation outlook', 'the public debt'],
    it: ['la previsione di crescita', "l'andamento dell'inflazione", 'il debito pubblico'],
  },
  {
    slug: 'trade',
    en: ['the trade agreement', 'the export licence regime', 'the anti-dumping duty'],
    it: [
      "l'accordo commerciale",
      'il regime delle licenze di esportazione',
      'il dazio antidumping',
    ],
  },
  {
    slug: 'migration',
    en: ['the asylum pact', 'the reception system', 'the border procedure'],
    it: ["il patto sull'asilo", 'il sistema di accoglienza', 'la procedura di frontiera'],
  },
  {
    slug: 'ukraine',
    en: ['the reconstruction fund', 'the air defence package', 'the ceasefire proposal'],
    it: [
      'il fondo per la ricostruzione',
      'il pacchetto di difesa aerea',
      'la proposta di cessate il fuoco',
    ],
  },
  {
    slug: 'russia',
    en: ['the sanctions package', 'the frozen assets question', 'the energy embargo'],
    it: ['il pacchetto di sanzioni', 'la questione dei beni congelati', "l'embargo energetico"],
  },
  {
    slug: 'china',
    en: ['the investment screening rule', 'the electric vehicle tariff', 'the export control list'],
    it: [
      'il controllo degli investimenti',
      'il dazio sulle auto elettriche',
      "l'elenco dei controlli all'export",
    ],
  },
  {
    slug: 'middle-east',
    en: ['the humanitarian corridor', 'the hostage negotiation', 'the maritime security mission'],
    it: [
      'il corridoio umanitario',
      'il negoziato sugli ostaggi',
      'la missione di sicurezza marittima',
    ],
  },
  {
    slug: 'technology',
    en: ['the platform regulation', 'the semiconductor subsidy', 'the data transfer framework'],
    it: [
      'il regolamento sulle piattaforme',
      'il sussidio ai semiconduttori',
      'il quadro sul trasferimento dei dati',
    ],
  },
  {
    slug: 'artificial-intelligence',
    en: ['the AI act', 'the model transparency rule', 'the copyright exemption'],
    it: [
      "il regolamento sull'intelligenza artificiale",
      'la trasparenza dei modelli',
      "l'eccezione sul diritto d'autore",
    ],
  },
  {
    slug: 'health',
    en: ['the hospital waiting list', 'the vaccine procurement', 'the health workforce plan'],
    it: [
      "la lista d'attesa negli ospedali",
      "l'acquisto dei vaccini",
      'il piano per il personale sanitario',
    ],
  },
  {
    slug: 'public-finance',
    en: ['the deficit procedure', 'the spending review', 'the tax amnesty'],
    it: ['la procedura per deficit eccessivo', 'la revisione della spesa', 'il condono fiscale'],
  },
  {
    slug: 'central-banks',
    en: ['the interest rate decision', 'the bond purchase programme', 'the digital euro'],
    it: ['la decisione sui tassi', 'il programma di acquisto di titoli', "l'euro digitale"],
  },
  {
    slug: 'labour',
    en: ['the minimum wage', 'the pension reform', 'the national strike'],
    it: ['il salario minimo', 'la riforma delle pensioni', 'lo sciopero generale'],
  },
  {
    slug: 'defence',
    en: ['the procurement plan', 'the ammunition production target', 'the joint fighter programme'],
    it: [
      'il piano di acquisti militari',
      'la produzione di munizioni',
      'il programma del caccia comune',
    ],
  },
  {
    slug: 'justice',
    en: ['the judicial reform', 'the wiretap law', 'the statute of limitations'],
    it: ['la riforma della giustizia', 'la legge sulle intercettazioni', 'la prescrizione'],
  },
  {
    slug: 'media',
    en: ['the public broadcaster reform', 'the press freedom law', 'the disinformation code'],
    it: [
      'la riforma del servizio pubblico',
      'la legge sulla libertà di stampa',
      'il codice contro la disinformazione',
    ],
  },
  {
    slug: 'agriculture',
    en: ['the farm subsidy', 'the pesticide rule', 'the water allocation'],
    it: ['il sussidio agricolo', 'la norma sui pesticidi', "la ripartizione dell'acqua"],
  },
  {
    slug: 'transport',
    en: ['the high-speed rail line', 'the airport slot rule', 'the motorway concession'],
    it: [
      "la linea dell'alta velocità",
      'la concessione autostradale',
      'il trasporto pubblico locale',
    ],
  },
  {
    slug: 'housing',
    en: ['the rent cap', 'the short-term rental rule', 'the social housing plan'],
    it: [
      'il tetto agli affitti',
      'la norma sugli affitti brevi',
      "il piano per l'edilizia popolare",
    ],
  },
  {
    slug: 'education',
    en: ['the school calendar', 'the university admission test', 'the teacher contract'],
    it: [
      'il calendario scolastico',
      "il test d'ingresso all'università",
      'il contratto degli insegnanti',
    ],
  },
  {
    slug: 'space',
    en: ['the launcher programme', 'the satellite constellation', 'the lunar mission'],
    it: ['il programma dei lanciatori', 'la costellazione di satelliti', 'la missione lunare'],
  },
  {
    slug: 'water',
    en: ['the drought plan', 'the aqueduct investment', 'the river basin agreement'],
    it: [
      'il piano contro la siccità',
      "l'investimento negli acquedotti",
      "l'accordo sul bacino del fiume",
    ],
  },
];

/** [English, Italian] names of places. */
const PLACES: readonly (readonly [string, string])[] = [
  ['Brussels', 'Bruxelles'],
  ['Rome', 'Roma'],
  ['Washington', 'Washington'],
  ['Geneva', 'Ginevra'],
  ['Paris', 'Parigi'],
  ['Berlin', 'Berlino'],
  ['Madrid', 'Madrid'],
  ['Vienna', 'Vienna'],
  ['Warsaw', 'Varsavia'],
  ['Lisbon', 'Lisbona'],
  ['Athens', 'Atene'],
  ['Ankara', 'Ankara'],
  ['Tokyo', 'Tokyo'],
  ['Nairobi', 'Nairobi'],
  ['Ottawa', 'Ottawa'],
  ['Milan', 'Milano'],
  ['Naples', 'Napoli'],
  ['Turin', 'Torino'],
  ['Kyiv', 'Kiev'],
  ['Strasbourg', 'Strasburgo'],
  ['Luxembourg', 'Lussemburgo'],
  ['Copenhagen', 'Copenaghen'],
  ['Bucharest', 'Bucarest'],
];

const ACTORS_EN = [
  'the European Commission',
  'the finance ministry',
  'the opposition',
  'the government',
  'the central bank',
  "the prime minister's office",
  'the interior ministry',
  'the foreign ministry',
  "the main employers' federation",
  'the largest trade union',
  'the defence minister',
  'the national health authority',
  'the electoral commission',
  'the energy regulator',
  'the state audit office',
  'a parliamentary committee',
  'the constitutional court',
  'the competition authority',
  'the regional council',
  'the statistics office',
  'the economy minister',
  'the alliance secretary general',
  'the presidency',
  'the consumer association',
];

const ACTORS_IT = [
  'la Commissione europea',
  "il ministero dell'Economia",
  "l'opposizione",
  'il governo',
  'la Banca centrale',
  'la presidenza del Consiglio',
  "il ministero dell'Interno",
  'il ministero degli Esteri',
  "l'associazione degli industriali",
  'il sindacato più rappresentativo',
  'il ministro della Difesa',
  "l'Istituto superiore di sanità",
  "l'autorità per l'energia",
  'la Corte dei conti',
  'una commissione parlamentare',
  'la Corte costituzionale',
  "l'Antitrust",
  'il consiglio regionale',
  "l'istituto di statistica",
  'il Quirinale',
  "l'associazione dei consumatori",
  'il sindaco',
];

const FIRST_NAMES = [
  'Giulia',
  'Marco',
  'Sarah',
  'David',
  'Ana',
  'Luca',
  'Francesca',
  'Tomasz',
  'Ingrid',
  'Pierre',
  'Amina',
  'Kenji',
  'Elena',
  'Jonas',
  'Chiara',
  'Rafael',
  'Helen',
  'Matteo',
  'Sofia',
  'Daniel',
];

const SURNAMES = [
  'Romano',
  'Bianchi',
  'Collins',
  'Okafor',
  'Ruiz',
  'Esposito',
  'Kowalski',
  'Larsen',
  'Dubois',
  'Haddad',
  'Tanaka',
  'Conti',
  'Becker',
  'Ferrari',
  'Moreno',
  'Walsh',
  'Greco',
  'Novak',
  'Marino',
  'Schmidt',
];

const ROLES_EN = [
  'spokesperson for the finance ministry',
  'opposition leader',
  'economy minister',
  'member of the budget committee',
  'foreign minister',
  'head of the largest trade union',
  'governor of the central bank',
  'regional president',
  'chief economist at a Milan bank',
  'senior fellow at a Brussels think tank',
  'defence minister',
  'mayor',
];

const ROLES_IT = [
  "portavoce del ministero dell'Economia",
  "leader dell'opposizione",
  "ministra dell'Economia",
  'membro della commissione Bilancio',
  'ministro degli Esteri',
  'segretaria del sindacato',
  'governatore della Banca centrale',
  'presidente della Regione',
  'capo economista di una banca milanese',
  'ricercatore in un centro studi di Bruxelles',
  'ministro della Difesa',
  'sindaca',
];

const WHEN_EN = [
  'on Monday',
  'on Tuesday',
  'on Wednesday',
  'on Thursday',
  'on Friday',
  'at the weekend',
  'last week',
  'earlier this month',
  'late on Friday',
  'on Sunday',
];

const WHEN_IT = [
  'lunedì',
  'martedì',
  'mercoledì',
  'giovedì',
  'venerdì',
  'nel fine settimana',
  'la settimana scorsa',
  'nei giorni scorsi',
  'venerdì sera',
  'domenica',
];

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const MONTHS_IT = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];

// Sentence templates. Slots: {a} {b} actors, {t} {u} themes, {p} {q} places, {w} when,
// {n} a count, {pc} a percentage, {m} an amount, {mo} a month, {who} a person and role,
// {name} a person, {pub} the publisher of a source the sentence then cites, {link} a Markdown
// link. Italian slots may take a preposition, `{di:a}`, contracted with the article ("del governo").

const SENTENCES_EN = [
  '{A} said {w} that {t} would remain a priority for the rest of the year',
  'In {p}, officials described the talks on {t} as difficult but constructive',
  '{A} has argued for months that {t} cannot be separated from the wider question of {u}',
  'Figures published {w} show that spending linked to {t} rose by {pc} compared with the previous year',
  'Critics, including {b}, say the plan leaves too many questions about {t} unanswered',
  '{A} did not respond to a request for comment on {t}',
  '{A} set out its position in a statement {w}, saying that {t} would be reviewed within {n} months',
  'Asked about {t} at a press conference in {p}, {who}, declined to give a date',
  'Diplomats in {p} said privately that a compromise on {t} was possible, but not before the autumn',
  'The proposal would cost about {m} over five years, according to estimates circulated {w}',
  'Supporters of the measure point out that {t} has been debated for more than a decade without a decision',
  '{A} and {b} have disagreed publicly about {t} before, most recently in {p}',
  'The draft seen by reporters runs to {n} pages and contains few firm commitments',
  'It is not yet clear how {a} intends to pay for the changes',
  'A spokesperson for {a} said the timetable was realistic and that talks would continue in {p}',
  'Analysts noted that the wording on {t} was softer than in earlier drafts',
  'Several governments have asked for more time to study the consequences for {t}',
  'The agreement leaves the most contested points, including {t}, to a later round of negotiations',
  '{A} described the outcome as a first step rather than a settlement',
  'Officials expect a formal decision in {mo}, although earlier deadlines have slipped',
  'None of the parties has published a detailed account of what was agreed on {t}',
  'According to {pub}, the meeting in {p} lasted more than {n} hours',
  '{Pub} reported that {a} had circulated a revised text on {t} {w}',
  '{Who}, said the decision on {t} had been taken without proper consultation',
  '{Who}, told reporters in {p} that the numbers did not add up',
  '"We have always said that {t} needs a European answer," {name} said',
  'The previous attempt to settle {t}, in {p}, collapsed after {n} days of talks',
  'Public support for the plan has fallen to {pc}, according to a survey published {w}',
  'The measure would affect about {n} thousand households, {a} estimates',
  'Much depends on whether {a} can hold together the majority that approved it',
  '{A} has published [the full text]({link}) of its position on {t}',
  'The underlying documents are [available online]({link}) for readers who want the detail',
  'Lawyers consulted by {pub} said the legal basis for {t} was weaker than the government suggested',
  'Markets reacted calmly, with the main index closing {pc} higher',
  'The timing is awkward for {a}, which faces a difficult vote in {mo}',
  'An earlier version of the plan, presented in {p}, was withdrawn after objections from {b}',
  '{A} insists that nothing has been decided and that all options remain on the table',
  'Observers in {p} noted that the language on {t} echoed commitments made years ago and never met',
  'The cost of delay is rising, {a} warned, putting the figure at {m} a year',
  'There is no sign yet that {b} will drop its objections to {t}',
  'Talks are expected to resume in {q} once the technical teams have finished their work',
  'For now, {t} remains the issue most likely to derail the wider package',
];

const SENTENCES_IT = [
  "{A} ha dichiarato {w} che {t} resterà una priorità per il resto dell'anno",
  'A {p} i funzionari hanno descritto il negoziato {su:t} come difficile ma costruttivo',
  '{A} sostiene da mesi che {t} non si può separare dalla questione più ampia {di:u}',
  "I dati pubblicati {w} indicano un aumento della spesa del {pc} rispetto all'anno precedente",
  'I critici, tra cui {b}, ritengono che il piano lasci senza risposta troppe domande {su:t}',
  '{A} non ha risposto a una richiesta di commento {su:t}',
  '{A} ha chiarito la propria posizione in una nota diffusa {w}: il dossier sarà riesaminato entro {n} mesi',
  'Interpellato in conferenza stampa a {p}, {who}, non ha indicato una data',
  "A {p} alcuni diplomatici hanno detto in privato che un compromesso {su:t} è possibile, ma non prima dell'autunno",
  'Secondo le stime circolate {w}, la proposta costerebbe circa {m} in cinque anni',
  'I sostenitori della misura ricordano che il dibattito {su:t} va avanti da oltre dieci anni senza una decisione',
  "{A} e {b} si sono già scontrati pubblicamente {su:t}, l'ultima volta a {p}",
  'La bozza visionata dai giornalisti conta {n} pagine e contiene pochi impegni precisi',
  'Non è ancora chiaro come {a} intenda finanziare le modifiche',
  'Un portavoce {di:a} ha definito realistico il calendario e ha annunciato nuovi incontri a {p}',
  'Gli analisti hanno notato che il testo {su:t} è più morbido rispetto alle versioni precedenti',
  'Diversi governi hanno chiesto più tempo per valutare le conseguenze {di:t}',
  "L'intesa rinvia i punti più controversi, a partire {da:t}, a un successivo round negoziale",
  '{A} ha descritto il risultato come un primo passo e non come un accordo definitivo',
  'Una decisione formale è attesa a {mo}, anche se le scadenze precedenti sono già slittate',
  'Nessuna delle parti ha pubblicato un resoconto dettagliato di quanto concordato {su:t}',
  'Secondo {pub}, la riunione di {p} è durata più di {n} ore',
  '{Pub} ha riferito che {a} ha fatto circolare {w} un testo rivisto {su:t}',
  '{Who}, ha detto che la decisione {su:t} è stata presa senza un vero confronto',
  '{Who}, ha spiegato ai giornalisti a {p} che i conti non tornano',
  '"Abbiamo sempre detto che serve una risposta europea", ha detto {name}',
  'Il precedente tentativo di chiudere la partita, a {p}, è fallito dopo {n} giorni di trattative',
  'Il sostegno al piano è sceso al {pc}, secondo un sondaggio pubblicato {w}',
  'Secondo le stime {di:a}, la misura riguarderebbe circa {n} mila famiglie',
  'Molto dipende dalla capacità {di:a} di tenere unita la maggioranza che ha approvato il testo',
  '{A} ha pubblicato [il testo integrale]({link}) della propria posizione {su:t}',
  'I documenti di riferimento sono [consultabili online]({link}) per chi vuole approfondire',
  'I giuristi sentiti da {pub} ritengono fragile la base giuridica del provvedimento',
  "I mercati hanno reagito con calma e l'indice principale ha chiuso in rialzo del {pc}",
  'I tempi sono scomodi per {a}, che a {mo} affronta un voto difficile',
  'Una versione precedente del piano, presentata a {p}, è stata ritirata dopo le obiezioni {di:b}',
  '{A} insiste che nulla è stato deciso e che tutte le opzioni restano aperte',
  'Gli osservatori a {p} hanno notato che il linguaggio {su:t} ricalca impegni presi anni fa e mai rispettati',
  "Il costo del ritardo cresce, ha avvertito {a}, che lo stima in {m} l'anno",
  'Per ora nulla indica che {b} sia pronto a ritirare le proprie obiezioni',
  'I colloqui dovrebbero riprendere a {q} quando i tecnici avranno concluso il loro lavoro',
  'Per ora {t} resta il tema che più di ogni altro rischia di far saltare il pacchetto',
];

const HEADINGS_EN = [
  'Background',
  'What was decided',
  'The reaction',
  'What comes next',
  'The numbers',
  'Why it matters',
  'The legal question',
  'Who is affected',
  'The politics',
  'What we do not know',
  'How we got here',
  'The view from {p}',
  'What {a} wants',
  'The case against',
  'The timetable',
];

const HEADINGS_IT = [
  'Il contesto',
  'Che cosa è stato deciso',
  'Le reazioni',
  'Che cosa succede ora',
  'I numeri',
  'Perché conta',
  'La questione giuridica',
  'Chi è coinvolto',
  'La partita politica',
  'Che cosa non sappiamo',
  'Come ci si è arrivati',
  'Il punto di vista di {p}',
  'Le obiezioni',
  'Il calendario',
];

const TITLES_EN = [
  '{T}: what the decision in {p} means',
  'Why {t} is back on the agenda in {p}',
  '{A} and {b} clash over {t}',
  'What we know about {t} after the talks in {p}',
  '{T} explained: the questions that remain open',
  '{A} sets out its plan for {t}',
  'A deal on {t} takes shape in {p}, with gaps',
  'The long fight over {t} reaches {p}',
];

const TITLES_IT = [
  '{T}: che cosa significa la decisione presa a {p}',
  'Perché {t} torna al centro del dibattito a {p}',
  '{A} e {b}, scontro {su:t}',
  'Che cosa sappiamo {di:t} dopo il vertice di {p}',
  '{T}, le domande ancora aperte',
  '{A} presenta il suo piano {su:t}',
  'A {p} prende forma un accordo {su:t}, con molte lacune',
];

const DEKS_EN = [
  '{A} says {t} will be settled by {mo}; {b} says the numbers do not add up, and the talks in {p} left the hardest questions open.',
  'After {n} hours of talks in {p}, {a} and {b} agree on a timetable for {t} but not on who pays.',
  'The decision on {t} follows months of pressure from {b}; what it changes, what it leaves out, and what happens next.',
  'Figures published {w} put the cost of {t} at {m}. Here is where that number comes from and who disputes it.',
];

const DEKS_IT = [
  '{A} assicura che la questione sarà chiusa entro {mo}; per {b} i conti non tornano, e il vertice di {p} ha lasciato aperti i nodi più difficili.',
  'Dopo {n} ore di trattative a {p}, {a} e {b} concordano un calendario ma non chi pagherà.',
  'La decisione arriva dopo mesi di pressioni {di:b}: che cosa cambia, che cosa resta fuori e che cosa succede adesso.',
  'I dati pubblicati {w} stimano il costo in {m}. Ecco da dove viene questa cifra e chi la contesta.',
];

const CLAIMS_EN = [
  '{T} will be fully funded from next year without new borrowing.',
  'The plan for {t} was agreed with all the parties concerned before it was announced.',
  'The cost of {t} has been underestimated by at least {pc}.',
  'No formal request on {t} was ever received from {b}.',
  'The talks in {p} ended without any agreement on {t}.',
  '{A} was informed in advance of the decision on {t}.',
  'The new rules on {t} will affect about {n} thousand people.',
  'The figures on {t} published {w} were calculated on an outdated basis.',
];

const CLAIMS_IT = [
  'Il provvedimento sarà interamente finanziato dal prossimo anno senza nuovo debito.',
  'Il piano è stato concordato con tutte le parti interessate prima di essere annunciato.',
  'Il costo della misura è stato sottostimato di almeno il {pc}.',
  'Nessuna richiesta formale è mai arrivata {da:b}.',
  'Il vertice di {p} si è chiuso senza alcun accordo {su:t}.',
  '{A} aveva ricevuto informazioni sulla decisione prima del voto.',
  'Le nuove regole riguarderanno circa {n} mila persone.',
  'I dati pubblicati {w} sono stati calcolati su una base non aggiornata.',
];

const RESPONSES_EN = [
  'The claim is wrong: the figures quoted leave out the second half of the programme.',
  'No such agreement was reached, and the minutes of the meeting in {p} show it.',
  'The account given does not match the documents submitted to parliament.',
  'The statement misrepresents what was said at the meeting in {p}.',
  'The estimate is based on a draft that was later withdrawn.',
];

const RESPONSES_IT = [
  "L'affermazione è sbagliata: i dati citati non tengono conto della seconda parte del programma.",
  'Nessun accordo di questo tipo è stato raggiunto, come dimostra il verbale della riunione di {p}.',
  'La ricostruzione non corrisponde ai documenti trasmessi al Parlamento.',
  'La dichiarazione travisa quanto detto durante la riunione di {p}.',
  'La stima si basa su una bozza poi ritirata.',
];

const EVENTS_EN = [
  'Talks on {t} open in {p}',
  '{A} publishes its proposal on {t}',
  'Parliament debates {t}',
  '{A} and {b} meet in {p}',
  'Deadline for comments on {t}',
  'Vote on {t} in the lower house',
  'Ministers meet in {p} to discuss {t}',
  '{Pub} reports on {t}',
  'Consultation on {t} runs',
  'Technical talks on {t} in {p}',
];

const EVENTS_IT = [
  'Si aprono a {p} i colloqui {su:t}',
  '{A} presenta la sua proposta {su:t}',
  'Il Parlamento discute {di:t}',
  'Incontro tra {a} e {b} a {p}',
  'Scadenza per le osservazioni {su:t}',
  'Voto alla Camera {su:t}',
  'I ministri si riuniscono a {p}',
  '{Pub} pubblica un resoconto {su:t}',
  'Consultazione pubblica {su:t}',
  'Incontri tecnici a {p}',
];

const FAQ_EN: readonly (readonly [string, string])[] = [
  [
    'What does the decision on {t} change?',
    'In the short term, very little: the new rules apply from {mo}, and most of the detail is still to be written. The main change is that {a} now has a formal mandate to negotiate.',
  ],
  [
    'Who pays for {t}?',
    'That is the question the talks in {p} did not settle. {A} wants the cost shared; {b} says the money should come from existing budgets.',
  ],
  [
    'Is the plan legally binding?',
    'Not yet. It becomes binding only after a vote in parliament, which is expected in {mo} at the earliest.',
  ],
  [
    'Why is {b} opposed?',
    '{B} argues that the plan was drawn up without consultation and that its estimates of the cost of {t} are too optimistic.',
  ],
  [
    'When will we know more?',
    'The next round of talks is scheduled in {p}. Officials expect a revised text before then, but earlier deadlines have slipped.',
  ],
];

const FAQ_IT: readonly (readonly [string, string])[] = [
  [
    'Che cosa cambia con la decisione?',
    'Nel breve periodo, poco: le nuove regole si applicano da {mo} e gran parte dei dettagli deve ancora essere scritta. La novità principale è che {a} ha ora un mandato formale a negoziare.',
  ],
  [
    'Chi paga?',
    'È la domanda a cui il vertice di {p} non ha risposto. {A} vuole dividere i costi; per {b} le risorse devono arrivare dai bilanci esistenti.',
  ],
  [
    'Il piano è vincolante?',
    'Non ancora. Lo diventerà solo dopo un voto del Parlamento, atteso non prima di {mo}.',
  ],
  [
    'Perché {b} è contrario?',
    'Sostiene che il piano sia stato scritto senza consultazioni e che le stime sui costi siano troppo ottimistiche.',
  ],
  [
    'Quando ne sapremo di più?',
    'Il prossimo round di colloqui è previsto a {p}. I funzionari attendono un testo rivisto prima di allora, ma le scadenze precedenti sono già slittate.',
  ],
];

const OPEN_QUESTIONS_EN = [
  'Whether {a} has the votes to pass the measure before {mo}.',
  'How {t} will be financed after the first year.',
  'What exactly was agreed in {p}: no full text has been published.',
  'Whether {b} will challenge the decision in court.',
  'How many people the new rules on {t} will actually affect.',
];

const OPEN_QUESTIONS_IT = [
  'Se {a} abbia i voti per approvare la misura prima di {mo}.',
  'Come sarà finanziato il provvedimento dopo il primo anno.',
  'Che cosa sia stato concordato esattamente a {p}: nessun testo integrale è stato pubblicato.',
  'Se {b} impugnerà la decisione davanti a un tribunale.',
  'Quante persone saranno davvero interessate dalle nuove regole.',
];

const CORRECTIONS_EN = [
  'An earlier version of this article gave the wrong date for the meeting in {p}.',
  'An earlier version misattributed a quotation to {a}.',
  'This article has been updated to correct the estimated cost, which is {m}, not {m2}.',
  'An earlier version of the timeline misdated the vote on {t}.',
];

const CORRECTIONS_IT = [
  "Una versione precedente dell'articolo indicava una data sbagliata per la riunione di {p}.",
  'Una versione precedente attribuiva per errore una citazione {a:a}.',
  "L'articolo è stato aggiornato per correggere il costo stimato, pari a {m} e non a {m2}.",
  'Una versione precedente della cronologia datava in modo errato il voto.',
];

const FOOTNOTES_EN = [
  'Figures are rounded to one decimal place',
  'Times are given in UTC unless stated otherwise',
  'The survey was conducted online among {n} hundred adults',
  'The draft was shared with several newsrooms on condition that it not be published in full',
];

const FOOTNOTES_IT = [
  'Le cifre sono arrotondate al primo decimale',
  'Gli orari sono indicati in UTC salvo diversa indicazione',
  'Il sondaggio è stato condotto online su un campione di {n} cento adulti',
  'La bozza è stata condivisa con diverse redazioni a condizione di non pubblicarla integralmente',
];

const LIST_INTROS_EN = ['The main points of the text are:', 'What the plan includes:'];
const LIST_INTROS_IT = ['I punti principali del testo:', 'Che cosa prevede il piano:'];

const LIST_ITEMS_EN = [
  'a new timetable for {t}, with a first review in {mo}',
  'about {m} in additional funding over five years',
  'a role for {a} in monitoring implementation',
  'a review clause after {n} months',
  'a commitment to consult {b} before any further change',
];

const LIST_ITEMS_IT = [
  'un nuovo calendario, con una prima verifica a {mo}',
  'circa {m} di risorse aggiuntive in cinque anni',
  'un ruolo {di:a} nel monitoraggio',
  'una clausola di revisione dopo {n} mesi',
  "l'impegno a consultare {b} prima di ogni ulteriore modifica",
];

const KINDS = [
  ['news', 40],
  ['analysis', 20],
  ['explainer', 20],
  ['brief', 15],
  ['opinion', 5],
] as const;

const CLAIM_STATUSES = [
  ['asserted', 30],
  ['disputed', 25],
  ['confirmed', 15],
  ['denied', 10],
  ['unverified', 12],
  ['retracted', 8],
] as const;

// ---------------------------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------------------------

interface Publisher {
  readonly name: string;
  readonly type: SourceType;
  /** URL prefix; `undefined` for publishers usually cited without one. */
  readonly url: string | undefined;
  readonly lang?: string;
}

const PUBLISHERS: readonly Publisher[] = [
  { name: 'Reuters', type: 'wire', url: 'https://www.reuters.com/world/' },
  { name: 'Associated Press', type: 'wire', url: 'https://apnews.com/article/' },
  { name: 'Agence France-Presse', type: 'wire', url: undefined, lang: 'fr' },
  { name: 'ANSA', type: 'wire', url: 'https://www.ansa.it/sito/notizie/', lang: 'it' },
  { name: 'Polymarket', type: 'social', url: 'https://t.me/polymarket/' },
  { name: 'Kyiv Independent', type: 'social', url: 'https://t.me/kyivindependent/' },
  { name: 'Al Jazeera', type: 'press', url: 'https://www.aljazeera.com/news/' },
  { name: 'Financial Times', type: 'press', url: 'https://www.ft.com/content/' },
  {
    name: 'Corriere della Sera',
    type: 'press',
    url: 'https://www.corriere.it/politica/',
    lang: 'it',
  },
  { name: 'Le Monde', type: 'press', url: undefined, lang: 'fr' },
  { name: 'Politico Europe', type: 'press', url: 'https://www.politico.eu/article/' },
  { name: 'Il Sole 24 Ore', type: 'press', url: undefined, lang: 'it' },
  { name: 'BBC News', type: 'broadcast', url: 'https://www.bbc.com/news/' },
  { name: 'RAI', type: 'broadcast', url: undefined, lang: 'it' },
  { name: 'Deutsche Welle', type: 'broadcast', url: 'https://www.dw.com/en/' },
  {
    name: 'Government of Italy',
    type: 'official',
    url: 'https://www.governo.it/it/articolo/',
    lang: 'it',
  },
  {
    name: 'European Commission',
    type: 'official',
    url: 'https://ec.europa.eu/commission/presscorner/detail/en/',
  },
  { name: 'NATO', type: 'official', url: undefined },
  { name: 'US Department of State', type: 'official', url: 'https://www.state.gov/' },
  { name: 'Italian Ministry of Defence', type: 'official', url: undefined, lang: 'it' },
  { name: 'Wikipedia', type: 'encyclopedia', url: 'https://en.wikipedia.org/wiki/' },
  {
    name: 'Treccani',
    type: 'encyclopedia',
    url: 'https://www.treccani.it/enciclopedia/',
    lang: 'it',
  },
  { name: 'Bloomberg', type: 'market', url: 'https://www.bloomberg.com/news/articles/' },
  { name: 'Borsa Italiana', type: 'market', url: undefined, lang: 'it' },
  {
    name: 'International Monetary Fund',
    type: 'report',
    url: 'https://www.imf.org/en/Publications/',
  },
  {
    name: 'Eurostat',
    type: 'report',
    url: 'https://ec.europa.eu/eurostat/web/products-eurostat-news/',
  },
  { name: 'ISTAT', type: 'report', url: undefined, lang: 'it' },
  { name: 'Parliamentary record', type: 'other', url: undefined },
  { name: 'Court filing', type: 'other', url: 'https://www.courtlistener.com/docket/' },
];

const SOURCE_TITLES_EN = [
  'Statement on {t}',
  'Report on the talks in {p} about {t}',
  'Briefing on {t}',
  '{T}: the full text',
  'Interview with the {role}',
  'Annual review of {t}',
];

const SOURCE_TITLES_IT = [
  'Nota {su:t}',
  'Resoconto dei colloqui di {p} {su:t}',
  'Approfondimento {su:t}',
  '{T}: il testo integrale',
  'Intervista {a:a}',
  'Rapporto annuale {su:t}',
];

interface Source {
  readonly id: string;
  readonly publisher: Publisher;
  readonly title: string | undefined;
  readonly url: string | undefined;
  readonly published: WrittenDate | undefined;
  readonly accessed: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Text filling
// ---------------------------------------------------------------------------------------------

const CONTRACTIONS: Readonly<
  Record<string, readonly [string, string, string, string, string, string, string]>
> = {
  // il, lo, la, l', i, gli, le
  di: ['del ', 'dello ', 'della ', "dell'", 'dei ', 'degli ', 'delle '],
  a: ['al ', 'allo ', 'alla ', "all'", 'ai ', 'agli ', 'alle '],
  da: ['dal ', 'dallo ', 'dalla ', "dall'", 'dai ', 'dagli ', 'dalle '],
  in: ['nel ', 'nello ', 'nella ', "nell'", 'nei ', 'negli ', 'nelle '],
  su: ['sul ', 'sullo ', 'sulla ', "sull'", 'sui ', 'sugli ', 'sulle '],
};

const ARTICLES = ['il ', 'lo ', 'la ', "l'", 'i ', 'gli ', 'le '];

/** Italian preposition + noun phrase, contracted with its article ("di" + "il governo" = "del governo"). */
function withPreposition(preposition: string, phrase: string): string {
  const forms = CONTRACTIONS[preposition];
  if (forms === undefined) return `${preposition} ${phrase}`;
  for (const [i, article] of ARTICLES.entries()) {
    if (phrase.startsWith(article)) return `${forms[i] ?? ''}${phrase.slice(article.length)}`;
  }
  return `${preposition} ${phrase}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function formatDecimal(value: number, lang: 'en' | 'it'): string {
  const text = value.toFixed(1);
  return lang === 'it' ? text.replace('.', ',') : text;
}

/** What a sentence is about: the article's own actors, themes and places, so prose hangs together. */
interface Cast {
  readonly lang: 'en' | 'it';
  readonly actors: readonly string[];
  readonly themes: readonly string[];
  readonly places: readonly string[];
}

/** Draws items in random order without repeats until all have been drawn, then starts over. */
class Deck<T> {
  private readonly random: Random;
  private readonly items: readonly T[];
  private queue: T[] = [];

  constructor(random: Random, items: readonly T[]) {
    this.random = random;
    this.items = items;
  }

  draw(): T {
    if (this.queue.length === 0) this.queue = this.random.shuffle(this.items);
    const item = this.queue.pop();
    if (item === undefined) throw new Error('draw from an empty deck');
    return item;
  }
}

class Writer {
  private readonly random: Random;
  private readonly cast: Cast;
  private readonly sentences: Deck<string>;
  /** Who and what the sentence being written is about. */
  private roles = { a: '', b: '', t: '', u: '', p: '', q: '' };
  private sources: readonly Source[] = [];
  /** Sources nothing has cited yet: citations go to them first. */
  private uncited: Source[] = [];

  constructor(random: Random, cast: Cast) {
    this.random = random;
    this.cast = cast;
    this.sentences = new Deck(random, cast.lang === 'it' ? SENTENCES_IT : SENTENCES_EN);
  }

  /** Two distinct items, the first one more often than the others. */
  private pair(items: readonly string[]): [string, string] {
    const first = this.random.chance(0.6) ? 0 : this.random.int(0, items.length - 1);
    let second = this.random.int(0, items.length - 2);
    if (second >= first) second++;
    return [items[first] ?? '', items[second] ?? items[first] ?? ''];
  }

  setSources(sources: readonly Source[]): void {
    this.sources = sources;
    this.uncited = [...sources];
  }

  get pendingSources(): readonly Source[] {
    return this.uncited;
  }

  private person(): string {
    return `${this.random.pick(FIRST_NAMES)} ${this.random.pick(SURNAMES)}`;
  }

  /** One source to cite, preferring those not cited yet (and not in `besides`). */
  takeSource(besides: readonly Source[] = []): Source {
    const source = this.uncited.find((s) => !besides.includes(s)) ?? this.random.pick(this.sources);
    return source;
  }

  markCited(source: Source): void {
    const at = this.uncited.indexOf(source);
    if (at !== -1) this.uncited.splice(at, 1);
  }

  /** `[@a]` or `[@a; @b]`, starting with `first` when given. */
  citation(
    first?: Source,
    extra = this.random.weighted([
      [0, 75],
      [1, 20],
      [2, 5],
    ] as const),
  ): string {
    const chosen: Source[] = [first ?? this.takeSource()];
    for (let i = 0; i < extra; i++) {
      const next = this.takeSource(chosen);
      if (!chosen.includes(next)) chosen.push(next);
    }
    for (const source of chosen) this.markCited(source);
    return `[${chosen.map((s) => `@${s.id}`).join('; ')}]`;
  }

  private slot(name: string, context: { pub?: Source }): string {
    const { lang } = this.cast;
    const it = lang === 'it';
    switch (name) {
      case 'a':
      case 'b':
      case 't':
      case 'u':
      case 'p':
      case 'q':
        return this.roles[name];
      case 'w':
        return this.random.pick(it ? WHEN_IT : WHEN_EN);
      case 'n':
        return String(this.random.int(3, 48));
      case 'pc':
        return it
          ? `${formatDecimal(this.random.int(5, 250) / 10, lang)} per cento`
          : `${formatDecimal(this.random.int(5, 250) / 10, lang)}%`;
      case 'm':
      case 'm2': {
        const amount = formatDecimal(this.random.int(3, 400) / 10, lang);
        return it ? `${amount} miliardi di euro` : `EUR ${amount} billion`;
      }
      case 'mo':
        return this.random.pick(it ? MONTHS_IT : MONTHS_EN);
      case 'name':
        return this.person();
      case 'role':
        return this.random.pick(it ? ROLES_IT : ROLES_EN);
      case 'who':
        return `${this.person()}, ${this.random.pick(it ? ROLES_IT : ROLES_EN)}`;
      case 'pub': {
        const news = this.sources.filter((s) => s.publisher.type !== 'encyclopedia');
        const source =
          this.uncited.find((s) => news.includes(s)) ??
          this.random.pick(news.length > 0 ? news : this.sources);
        context.pub = source;
        return source.publisher.name;
      }
      case 'link': {
        const withUrl = this.sources.filter((s) => s.url !== undefined);
        const source = withUrl.length > 0 ? this.random.pick(withUrl) : undefined;
        return (
          source?.url ?? `https://www.example.org/${slugify(this.cast.themes[0] ?? 'documents')}`
        );
      }
      default:
        throw new Error(`unknown slot {${name}}`);
    }
  }

  /** Fills a template; `pub` is set when the template named a source's publisher. */
  fill(template: string): { text: string; pub: Source | undefined } {
    const context: { pub?: Source } = {};
    const [a, b] = this.pair(this.cast.actors);
    const [t, u] = this.pair(this.cast.themes);
    const [p, q] = this.pair(this.cast.places);
    this.roles = { a, b, t, u, p, q };
    const text = template.replace(
      /\{(?:([a-z]+):)?([A-Za-z]+\d?)\}/g,
      (_, preposition: string | undefined, key: string) => {
        const upper = /^[A-Z]/.test(key);
        let value = this.slot(key.toLowerCase(), context);
        if (preposition !== undefined) value = withPreposition(preposition, value);
        return upper ? capitalise(value) : value;
      },
    );
    return { text: capitalise(text), pub: context.pub };
  }

  /** A sentence of prose, with a citation at its end about half the time (always when it names a source). */
  sentence(): string {
    const { text, pub } = this.fill(this.sentences.draw());
    const cite = this.random.chance(this.uncited.length > 0 ? 0.75 : 0.4);
    if (pub !== undefined || cite) return `${text} ${this.citation(pub)}.`;
    return `${text}.`;
  }

  paragraph(min: number, max: number): string {
    const count = this.random.int(min, max);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(this.sentence());
    return sentences.join(' ');
  }
}

// ---------------------------------------------------------------------------------------------
// Shared events
// ---------------------------------------------------------------------------------------------

export const SHARED_EVENT_COUNT = 200;

interface SharedEvent {
  readonly id: string;
  readonly date: WrittenDate;
  readonly end: WrittenDate | undefined;
  /** Latest instant the event can be over by, to pick events that happened before an article. */
  readonly over: number;
  readonly title: { readonly en: readonly string[]; readonly it: readonly string[] };
}

const SHARED_KINDS: readonly {
  readonly id: string;
  readonly en: readonly string[];
  readonly it: readonly string[];
}[] = [
  {
    id: 'summit',
    en: ['Leaders meet in {p} for a summit', 'Summit of leaders in {p}'],
    it: ['Vertice dei leader a {p}', 'I leader si riuniscono a {p}'],
  },
  {
    id: 'election',
    en: ['General election held', 'Voters go to the polls in a general election'],
    it: ['Si tengono le elezioni politiche', 'Elezioni politiche'],
  },
  {
    id: 'rate-decision',
    en: ['The central bank announces its rate decision', 'Central bank rate decision'],
    it: ['La Banca centrale annuncia la decisione sui tassi', 'Decisione sui tassi'],
  },
  {
    id: 'strike',
    en: ['National strike called by the unions', 'Unions hold a national strike'],
    it: ['Sciopero generale proclamato dai sindacati', 'I sindacati scioperano'],
  },
  {
    id: 'budget-vote',
    en: ['Parliament votes on the budget', 'Final budget vote'],
    it: ['Il Parlamento vota il bilancio', 'Voto finale sul bilancio'],
  },
  {
    id: 'ministerial',
    en: ['Ministers meet in {p}', 'Ministerial meeting in {p}'],
    it: ['Riunione dei ministri a {p}', 'I ministri si incontrano a {p}'],
  },
  {
    id: 'state-visit',
    en: ['State visit to {p}', 'The president travels to {p}'],
    it: ['Visita di Stato a {p}', 'Il presidente in visita a {p}'],
  },
  {
    id: 'court-ruling',
    en: ['The constitutional court rules', 'Constitutional court ruling'],
    it: ['La Corte costituzionale si pronuncia', 'Sentenza della Corte costituzionale'],
  },
  {
    id: 'treaty-signing',
    en: ['Agreement signed in {p}', 'Signing ceremony in {p}'],
    it: ["Firma dell'accordo a {p}", 'Cerimonia della firma a {p}'],
  },
  {
    id: 'conference',
    en: ['International conference in {p}', 'Conference opens in {p}'],
    it: ['Conferenza internazionale a {p}', 'Si apre la conferenza di {p}'],
  },
  {
    id: 'referendum',
    en: ['Referendum held', 'Voters decide in a referendum'],
    it: ['Si tiene il referendum', 'Referendum'],
  },
  {
    id: 'storm',
    en: ['Severe storms hit the region', 'Storm damage across the region'],
    it: ['Violente tempeste colpiscono la regione', 'Danni per il maltempo nella regione'],
  },
];

/** The fixed pool: the same `seed` always gives the same events with the same date text. */
function sharedEvents(seed: string, from: number, until: number): SharedEvent[] {
  const random = new Random(`${seed}:shared-events`);
  const events: SharedEvent[] = [];
  const ids = new Set<string>();
  // Events start a few months before the first article, so early articles can record some.
  const start = from - 180 * DAY;
  for (let i = 0; i < SHARED_EVENT_COUNT; i++) {
    const kind = random.pick(SHARED_KINDS);
    const [placeEn, placeIt] = random.pick(PLACES);
    const ms = start + Math.floor(random.next() * (until - start));
    const shape = random.weighted([
      ['year', 4],
      ['month', 12],
      ['day', 40],
      ['instant', 12],
      ['offset', 10],
      ['day-range', 12],
      ['month-range', 4],
      ['year-range', 2],
      ['instant-range', 3],
      ['mixed-range', 3],
    ] as const);
    let date: WrittenDate;
    let end: WrittenDate | undefined;
    let over: number;
    switch (shape) {
      case 'year':
      case 'month':
      case 'day':
      case 'instant':
      case 'offset': {
        date = dateAt(random, ms, shape);
        over =
          shape === 'year'
            ? Date.UTC(new Date(ms).getUTCFullYear() + 1, 0, 1)
            : date.start + 32 * DAY;
        break;
      }
      case 'day-range': {
        date = dateAt(random, ms, 'day');
        end = dateAt(random, date.start + random.int(1, 9) * DAY, 'day');
        over = end.start + DAY;
        break;
      }
      case 'month-range': {
        date = dateAt(random, ms, 'month');
        end = dateAt(random, date.start + random.int(1, 3) * 31 * DAY, 'month');
        over = end.start + 31 * DAY;
        break;
      }
      case 'year-range': {
        date = dateAt(random, ms, 'year');
        end = dateAt(random, date.start + 366 * DAY, 'year');
        over = end.start + 366 * DAY;
        break;
      }
      case 'instant-range': {
        date = dateAt(random, ms, random.pick(['instant', 'offset', 'instant-short'] as const));
        end = dateAt(
          random,
          date.start + random.int(1, 10) * HOUR,
          random.pick(['instant', 'offset'] as const),
        );
        over = end.start + DAY;
        break;
      }
      case 'mixed-range': {
        date = dateAt(random, ms, 'day');
        end = dateAt(
          random,
          date.start + random.int(0, 3) * DAY + random.int(1, 23) * HOUR,
          'offset',
        );
        over = end.start + DAY;
        break;
      }
    }
    const year = date.text.slice(0, 4);
    let id = `${slugify(placeEn)}-${kind.id}-${year}`;
    for (let n = 2; ids.has(id); n++) id = `${slugify(placeEn)}-${kind.id}-${year}-${String(n)}`;
    ids.add(id);
    const place = (template: string, name: string) => template.replaceAll('{p}', name);
    events.push({
      id,
      date,
      end,
      over,
      title: {
        en: kind.en.map((t) => place(t, placeEn)),
        it: kind.it.map((t) => place(t, placeIt)),
      },
    });
  }
  return events.sort((a, b) => a.over - b.over || (a.id < b.id ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------

/** A YAML scalar: plain when it is safe and reads naturally, double-quoted (JSON escaping) otherwise. */
function scalar(value: string): string {
  if (
    /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) &&
    !/^(true|false|null|yes|no|on|off|~)$/i.test(value)
  ) {
    return value;
  }
  if (/^\d{4}(-\d{2}(-\d{2}(T[\d:]+(Z|[+-]\d{2}:\d{2}))?)?)?$/.test(value)) return value;
  if (/^https?:\/\/[^\s#"']+$/.test(value)) return value;
  return JSON.stringify(value);
}

function flowList(values: readonly string[]): string {
  return `[${values.map(scalar).join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// One article
// ---------------------------------------------------------------------------------------------

interface Context {
  readonly options: ResolvedOptions;
  readonly from: number;
  readonly until: number;
  readonly shared: readonly SharedEvent[];
}

const contexts = new Map<string, Context>();

function contextFor(options: CorpusOptions): Context {
  const resolved = resolve(options);
  const key = JSON.stringify(resolved);
  let context = contexts.get(key);
  if (context === undefined) {
    const from = parseDay(resolved.from);
    const until = parseDay(resolved.until) + DAY - 1;
    if (until <= from) throw new Error('`until` must be after `from`.');
    context = { options: resolved, from, until, shared: sharedEvents(resolved.seed, from, until) };
    contexts.set(key, context);
  }
  return context;
}

function resolve(options: CorpusOptions): ResolvedOptions {
  return {
    seed: options.seed ?? DEFAULTS.seed,
    from: options.from ?? DEFAULTS.from,
    until: options.until ?? DEFAULTS.until,
    averageBytes: options.averageBytes ?? DEFAULTS.averageBytes,
    italianShare: options.italianShare ?? DEFAULTS.italianShare,
    draftShare: options.draftShare ?? DEFAULTS.draftShare,
    byYear: options.byYear ?? DEFAULTS.byYear,
  };
}

function makeSources(random: Random, writer: Writer, cast: Cast, articleStart: number): Source[] {
  const count = random.weighted([
    [2, 20],
    [3, 30],
    [4, 25],
    [5, 15],
    [6, 10],
  ] as const);
  const publishers = random.sample(PUBLISHERS, count);
  const ids = new Set<string>();
  return publishers.map((publisher) => {
    const base =
      publisher.type === 'encyclopedia'
        ? slugify(cast.themes[0] ?? 'entry')
        : String(random.int(1_000_000, 9_999_999));
    let id = `${slugify(publisher.name)}-${base}`;
    for (let n = 2; ids.has(id); n++) id = `${slugify(publisher.name)}-${base}-${String(n)}`;
    ids.add(id);

    const theme = cast.themes[0] ?? 'the plan';
    const title =
      publisher.type === 'encyclopedia'
        ? capitalise(theme.replace(/^(the|il|lo|la|l'|i|gli|le) /, ''))
        : random.chance(0.85)
          ? writer.fill(random.pick(cast.lang === 'it' ? SOURCE_TITLES_IT : SOURCE_TITLES_EN)).text
          : undefined;
    // Most publishers are cited with a link; some never are, and a few links are left out.
    const prefix = random.chance(0.85) ? publisher.url : undefined;
    const url =
      prefix !== undefined
        ? publisher.type === 'encyclopedia'
          ? `${prefix}${encodeURI(capitalise(theme.replace(/^the /, '')).replaceAll(' ', '_'))}`
          : publisher.type === 'social'
            ? `${prefix}${String(random.int(10_000, 9_999_999))}`
            : `${prefix}${slugify(title ?? theme)}-${id.slice(-7)}`
        : undefined;
    // Published before the article (never after it, at any precision); required without a url.
    let published: WrittenDate | undefined;
    if (url === undefined || random.chance(0.7)) {
      const ms = articleStart - random.int(0, 45 * 24) * HOUR - random.int(0, 59) * MINUTE;
      const precision = random.weighted([
        ['day', 40],
        ['instant', 20],
        ['instant-short', 5],
        ['offset', 12],
        ['month', 15],
        ['year', 8],
      ] as const);
      published = dateAt(random, ms, precision);
    }
    const accessed =
      url !== undefined && random.chance(0.25)
        ? writeDate(articleStart - random.int(0, 48) * HOUR, 'day')
        : undefined;
    return { id, publisher, title, url, published, accessed };
  });
}

interface Claim {
  readonly id: string;
  readonly text: string;
  readonly by: string;
  readonly status: string;
  readonly sources: readonly string[];
  readonly date: string | undefined;
  readonly respondsTo: string | undefined;
}

function makeClaims(
  random: Random,
  writer: Writer,
  cast: Cast,
  sources: readonly Source[],
  articleStart: number,
  ids: Set<string>,
): Claim[] {
  if (!random.chance(0.6)) return [];
  const it = cast.lang === 'it';
  const claims: Claim[] = [];
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${String(n)}`;
    ids.add(id);
    return id;
  };
  const by = () =>
    `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}, ${random.pick(it ? ROLES_IT : ROLES_EN)}`;
  const sourceIds = () =>
    random.sample(sources, random.int(1, Math.min(2, sources.length))).map((s) => s.id);
  const date = () =>
    random.chance(0.5)
      ? dateAt(
          random,
          articleStart - random.int(1, 20 * 24) * HOUR,
          random.pick(['day', 'instant', 'offset', 'month'] as const),
        ).text
      : undefined;

  const count = random.int(1, 4);
  for (let i = 0; i < count; i++) {
    const status = random.weighted(CLAIM_STATUSES);
    const speaker = by();
    const id = uniqueId(`${slugify(speaker.split(',')[0] ?? 'claim')}-claim`);
    claims.push({
      id,
      text: writer.fill(random.pick(it ? CLAIMS_IT : CLAIMS_EN)).text,
      by: speaker,
      status,
      sources: sourceIds(),
      date: date(),
      respondsTo: undefined,
    });
    if (status === 'disputed') {
      // Every dispute is answered; sometimes the answer is answered in turn.
      let target = id;
      const rounds = random.chance(0.3) ? 2 : 1;
      for (let r = 0; r < rounds; r++) {
        const responder = by();
        const responseId = uniqueId(`${slugify(responder.split(',')[0] ?? 'response')}-response`);
        claims.push({
          id: responseId,
          text: writer.fill(random.pick(it ? RESPONSES_IT : RESPONSES_EN)).text,
          by: responder,
          status: random.pick(['asserted', 'asserted', 'denied', 'unverified'] as const),
          sources: sourceIds(),
          date: date(),
          respondsTo: target,
        });
        target = responseId;
      }
    }
  }
  return claims;
}

interface ArticleEvent {
  readonly id: string | undefined;
  readonly date: string;
  readonly end: string | undefined;
  readonly title: string;
  readonly sources: readonly string[];
}

function makeEvents(
  random: Random,
  writer: Writer,
  cast: Cast,
  slug: string,
  sources: readonly Source[],
  articleStart: number,
  ids: Set<string>,
  shared: readonly SharedEvent[],
): { events: ArticleEvent[]; sharedIds: string[] } {
  const it = cast.lang === 'it';
  const sourceIds = () =>
    random.sample(sources, random.int(1, Math.min(3, sources.length))).map((s) => s.id);
  const events: ArticleEvent[] = [];

  const localCount = random.weighted([
    [0, 25],
    [1, 20],
    [2, 25],
    [3, 15],
    [4, 10],
    [5, 5],
  ] as const);
  for (let i = 0; i < localCount; i++) {
    // Mostly before the article; some scheduled a few weeks after it.
    const ms = articleStart - random.int(-20 * 24, 300 * 24) * HOUR - random.int(0, 59) * MINUTE;
    const shape = random.weighted([
      ['day', 35],
      ['instant', 12],
      ['instant-short', 5],
      ['offset', 10],
      ['month', 10],
      ['year', 4],
      ['day-range', 12],
      ['month-range', 3],
      ['instant-range', 5],
      ['mixed-range', 4],
    ] as const);
    let date: WrittenDate;
    let end: WrittenDate | undefined;
    switch (shape) {
      case 'day-range':
        date = dateAt(random, ms, 'day');
        end = dateAt(random, date.start + random.int(1, 6) * DAY, 'day');
        break;
      case 'month-range':
        date = dateAt(random, ms, 'month');
        end = dateAt(random, date.start + random.int(1, 2) * 31 * DAY, 'month');
        break;
      case 'instant-range':
        date = dateAt(random, ms, 'instant');
        end = dateAt(
          random,
          date.start + random.int(1, 6) * HOUR,
          random.pick(['instant', 'offset'] as const),
        );
        break;
      case 'mixed-range':
        date = dateAt(random, ms, random.pick(['month', 'day'] as const));
        end = dateAt(
          random,
          date.start + random.int(2, 40) * DAY,
          random.pick(['day', 'instant'] as const),
        );
        break;
      default:
        date = dateAt(random, ms, shape);
    }
    let id: string | undefined;
    if (random.chance(0.4)) {
      id = `${slug}-event-${String(i + 1)}`;
      ids.add(id);
    }
    events.push({
      id,
      date: date.text,
      end: end?.text,
      title: writer.fill(random.pick(it ? EVENTS_IT : EVENTS_EN)).text,
      sources: sourceIds(),
    });
  }

  // 0–2 shared events that were over before the article was published.
  const sharedIds: string[] = [];
  let available = 0;
  while (available < shared.length && (shared[available]?.over ?? Infinity) <= articleStart)
    available++;
  const sharedCount = Math.min(
    available,
    random.weighted([
      [0, 35],
      [1, 40],
      [2, 25],
    ] as const),
  );
  const picked = random.sample(shared.slice(0, available), sharedCount);
  for (const event of picked) {
    sharedIds.push(event.id);
    ids.add(event.id);
    events.push({
      id: event.id,
      date: event.date.text,
      end: event.end?.text,
      title: random.pick(it ? event.title.it : event.title.en),
      sources: sourceIds(),
    });
  }
  // Timeline order as editors tend to write it: roughly chronological, not strictly.
  return {
    events: random.chance(0.7)
      ? events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      : events,
    sharedIds,
  };
}

/** Generates article `index` (0-based). Pure: the same index and options give the same text. */
export function generateArticle(index: number, options: CorpusOptions = {}): GeneratedArticle {
  const context = contextFor(options);
  const { options: o } = context;
  const random = new Random(`${o.seed}:article:${String(index)}`);

  const lang: 'en' | 'it' = random.chance(o.italianShare) ? 'it' : 'en';
  const it = lang === 'it';
  const topicCount = random.weighted([
    [1, 20],
    [2, 40],
    [3, 30],
    [4, 10],
  ] as const);
  const topics = random.sample(TOPICS, topicCount);
  const primary = topics[0] ?? TOPICS[0];
  if (primary === undefined) throw new Error('no topics');
  // The primary topic's themes lead; the other topics add one more.
  const themes = random.sample(it ? primary.it : primary.en, 2);
  const secondary = topics[1];
  if (secondary !== undefined) themes.push(random.pick(it ? secondary.it : secondary.en));
  const places = random.sample(PLACES, 3).map(([en, itName]) => (it ? itName : en));
  const actors = random.sample(it ? ACTORS_IT : ACTORS_EN, 3);
  const cast: Cast = { lang, actors, themes, places };

  // Publication: mostly a UTC datetime, sometimes an offset or a day.
  const publishedMs = context.from + Math.floor(random.next() * (context.until - context.from));
  const published = dateAt(
    random,
    publishedMs,
    random.weighted([
      ['instant', 65],
      ['instant-short', 10],
      ['offset', 12],
      ['day', 13],
    ] as const),
  );
  const year = new Date(published.start).getUTCFullYear();
  const draft = random.chance(o.draftShare);
  const hasCorrections = random.chance(0.1);
  const updated =
    hasCorrections || random.chance(0.15)
      ? dateAt(
          random,
          published.start + random.int(1, 30 * 24) * HOUR,
          random.pick(['instant', 'day', 'offset'] as const),
        )
      : undefined;

  const writer = new Writer(random, cast);
  const sources = makeSources(random, writer, cast, published.start);
  writer.setSources(sources);
  const title = writer.fill(random.pick(it ? TITLES_IT : TITLES_EN)).text;
  const slugWords = slugify(`${primary.slug} ${cast.places[0] ?? ''}`);
  const slug = `${slugWords}-${String(index).padStart(5, '0')}`;
  const ids = new Set(sources.map((s) => s.id));
  const claims = makeClaims(random, writer, cast, sources, published.start, ids);
  const { events, sharedIds } = makeEvents(
    random,
    writer,
    cast,
    slug,
    sources,
    published.start,
    ids,
    context.shared,
  );

  // Frontmatter.
  const y: string[] = ['---'];
  y.push(`title: ${scalar(title)}`);
  let dek = writer.fill(random.pick(it ? DEKS_IT : DEKS_EN)).text;
  // All generated text is in the Basic Multilingual Plane: UTF-16 length is the code point count.
  if (dek.length > 400) dek = `${dek.slice(0, 396).replace(/\s+\S*$/, '')}.`;
  y.push(`dek: ${scalar(dek)}`);
  y.push(`kind: ${random.weighted(KINDS)}`);
  if (it) y.push('lang: it');
  else {
    const langField = random.weighted([
      ['', 50],
      ['en', 45],
      ['en-GB', 5],
    ] as const);
    if (langField !== '') y.push(`lang: ${langField}`);
  }
  y.push(`published: ${published.text}`);
  if (updated) y.push(`updated: ${updated.text}`);
  if (random.chance(0.85)) {
    const authors = random.chance(0.3)
      ? [it ? 'Redazione Dossier' : 'Dossier staff']
      : Array.from(
          { length: random.int(1, 2) },
          () => `${random.pick(FIRST_NAMES)} ${random.pick(SURNAMES)}`,
        );
    y.push(`authors: ${flowList(authors)}`);
  }
  y.push(`topics: ${flowList(topics.map((t) => t.slug))}`);
  if (draft) y.push('draft: true');
  else if (random.chance(0.05)) y.push('draft: false');

  y.push('sources:');
  for (const source of sources) {
    y.push(`  - id: ${source.id}`);
    y.push(`    publisher: ${scalar(source.publisher.name)}`);
    y.push(`    type: ${source.publisher.type}`);
    if (source.title !== undefined) y.push(`    title: ${scalar(source.title)}`);
    if (source.url !== undefined) y.push(`    url: ${scalar(source.url)}`);
    if (source.published !== undefined) y.push(`    published: ${source.published.text}`);
    if (source.accessed !== undefined) y.push(`    accessed: ${source.accessed}`);
    const sourceLang = source.publisher.lang;
    if (sourceLang !== undefined && sourceLang !== lang && random.chance(0.6))
      y.push(`    lang: ${sourceLang}`);
  }
  if (claims.length > 0) {
    y.push('claims:');
    for (const claim of claims) {
      y.push(`  - id: ${claim.id}`);
      y.push(`    text: ${scalar(claim.text)}`);
      y.push(`    by: ${scalar(claim.by)}`);
      y.push(`    status: ${claim.status}`);
      if (claim.respondsTo !== undefined) y.push(`    responds_to: ${claim.respondsTo}`);
      y.push(`    sources: ${flowList(claim.sources)}`);
      if (claim.date !== undefined) y.push(`    date: ${claim.date}`);
    }
  }
  if (events.length > 0) {
    y.push('events:');
    for (const event of events) {
      const lines: string[] = [];
      if (event.id !== undefined) lines.push(`id: ${event.id}`);
      lines.push(`date: ${event.date}`);
      if (event.end !== undefined) lines.push(`end: ${event.end}`);
      lines.push(`title: ${scalar(event.title)}`);
      lines.push(`sources: ${flowList(event.sources)}`);
      lines.forEach((line, i) => y.push(`${i === 0 ? '  - ' : '    '}${line}`));
    }
  }
  if (random.chance(0.25)) {
    y.push('faq:');
    for (const [q, a] of random.sample(it ? FAQ_IT : FAQ_EN, random.int(2, 4))) {
      y.push(`  - q: ${scalar(writer.fill(q).text)}`);
      y.push(`    a: ${scalar(writer.fill(a).text)}`);
    }
  }
  if (random.chance(0.35)) {
    y.push('open_questions:');
    for (const question of random.sample(
      it ? OPEN_QUESTIONS_IT : OPEN_QUESTIONS_EN,
      random.int(1, 3),
    )) {
      y.push(`  - ${scalar(writer.fill(question).text)}`);
    }
  }
  if (hasCorrections && updated) {
    y.push('corrections:');
    const count = random.int(1, 2);
    for (let i = 0; i < count; i++) {
      const ms =
        published.start + Math.floor(random.next() * Math.max(0, updated.start - published.start));
      y.push(`  - date: ${writeDate(ms, random.pick(['day', 'instant'] as const))}`);
      y.push(
        `    text: ${scalar(writer.fill(random.pick(it ? CORRECTIONS_IT : CORRECTIONS_EN)).text)}`,
      );
    }
  }
  y.push('---');
  const frontmatter = `${y.join('\n')}\n`;

  // Body: an introduction, then sections until the file reaches its target size.
  // Blocks are added until the size passes the target, overshooting by half a paragraph on average.
  const target = Math.round(o.averageBytes * (0.85 + random.next() * 0.3)) - 350;
  const blocks: string[] = [writer.paragraph(2, 4)];
  const footnotes: string[] = [];
  const wantsTable = random.chance(0.3);
  const wantsFootnotes = random.chance(0.2);
  const wantsList = random.chance(0.15);
  const wantsQuote = random.chance(0.1);
  const headings = random.sample(it ? HEADINGS_IT : HEADINGS_EN, 12);
  const size = () =>
    Buffer.byteLength(frontmatter) + blocks.reduce((sum, b) => sum + Buffer.byteLength(b) + 2, 0);
  let section = 0;
  while (section < 2 || size() < target) {
    const heading = headings[section % headings.length] ?? 'Background';
    blocks.push(`## ${writer.fill(heading).text}`);
    const paragraphs = random.int(1, 3);
    for (let p = 0; p < paragraphs && (p === 0 || size() < target); p++) {
      let paragraph = writer.paragraph(3, 6);
      if (wantsFootnotes && footnotes.length < 2 && random.chance(0.4)) {
        const label = `note-${String(footnotes.length + 1)}`;
        paragraph += `[^${label}]`;
        footnotes.push(
          `[^${label}]: ${writer.fill(random.pick(it ? FOOTNOTES_IT : FOOTNOTES_EN)).text} ${writer.citation()}.`,
        );
      }
      blocks.push(paragraph);
    }
    if (wantsTable && section === 1) blocks.push(table(random, writer, cast));
    if (wantsList && section === 2) {
      blocks.push(random.pick(it ? LIST_INTROS_IT : LIST_INTROS_EN));
      blocks.push(
        random
          .sample(it ? LIST_ITEMS_IT : LIST_ITEMS_EN, random.int(3, 4))
          .map((item) => `- ${writer.fill(item).text}`)
          .join('\n'),
      );
    }
    if (wantsQuote && section === 0) {
      const { text } = writer.fill(random.pick(it ? SENTENCES_IT : SENTENCES_EN));
      blocks.push(`> ${text} ${writer.citation()}.`);
    }
    section++;
    if (section > 40) break;
  }
  // Any source still uncited is cited in a closing sentence (rare: only in the shortest articles).
  const pending = [...writer.pendingSources];
  if (pending.length > 0) {
    const closing = it
      ? 'Questo articolo si basa anche su altre fonti'
      : 'This article also draws on further reporting';
    blocks.push(`${closing} [${pending.map((s) => `@${s.id}`).join('; ')}].`);
  }
  if (footnotes.length > 0) blocks.push(footnotes.join('\n\n'));

  const text = `${frontmatter}\n${blocks.join('\n\n')}\n`;
  const relative = o.byYear ? `${String(year)}/${slug}.md` : `${slug}.md`;
  return { index, slug, year, lang, draft, path: relative, text, sharedEvents: sharedIds };
}

function table(random: Random, writer: Writer, cast: Cast): string {
  const it = cast.lang === 'it';
  if (random.chance(0.5)) {
    const rows = cast.actors.map((actor) => {
      const { text } = writer.fill(random.pick(it ? CLAIMS_IT : CLAIMS_EN));
      return `| ${capitalise(actor)} | ${text.replace(/\.$/, '')} ${writer.citation()} |`;
    });
    const header = it ? '| Chi | Che cosa sostiene |' : '| Who | What they say |';
    return [header, '|---|---|', ...rows].join('\n');
  }
  const first = random.int(2015, 2021);
  const rows: string[] = [];
  let value = random.int(20, 400) / 10;
  for (let year = first; year < first + random.int(3, 5); year++) {
    const change = ((random.chance(0.3) ? -1 : 1) * random.int(1, 50)) / 10;
    value = Math.max(0.1, value + change);
    const sign = change >= 0 ? '+' : '-';
    rows.push(
      `| ${String(year)} | ${formatDecimal(value, cast.lang)} | ${sign}${formatDecimal(Math.abs(change), cast.lang)} |`,
    );
  }
  const last = rows.pop() ?? '';
  rows.push(last.replace(/ \|$/, ` ${writer.citation()} |`));
  const header = it
    ? '| Anno | Miliardi di euro | Variazione |'
    : '| Year | EUR billion | Change |';
  return [header, '|---:|---:|---:|', ...rows].join('\n');
}

// ---------------------------------------------------------------------------------------------
// A corpus on disk
// ---------------------------------------------------------------------------------------------

async function removeMarkdown(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.md'))
      await rm(path.join(entry.parentPath, entry.name));
  }
}

/**
 * Writes articles 0 … count-1 into `dir` (by year sub-folder unless `byYear: false`).
 * The same count and options always write byte-identical files.
 */
export async function generateCorpus(
  dir: string,
  count: number,
  options: CorpusOptions = {},
): Promise<CorpusSummary> {
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`count must be a whole number, not ${String(count)}`);
  if (options.clean === true) await removeMarkdown(dir);
  await mkdir(dir, { recursive: true });
  const made = new Set<string>();
  const files: string[] = [];
  let bytes = 0;
  let drafts = 0;
  let italian = 0;
  const BATCH = 64;
  for (let start = 0; start < count; start += BATCH) {
    const batch: GeneratedArticle[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++)
      batch.push(generateArticle(i, options));
    for (const article of batch) {
      const folder = path.dirname(path.join(dir, article.path));
      if (!made.has(folder)) {
        await mkdir(folder, { recursive: true });
        made.add(folder);
      }
      files.push(article.path);
      bytes += Buffer.byteLength(article.text);
      if (article.draft) drafts++;
      if (article.lang === 'it') italian++;
    }
    await Promise.all(
      batch.map((article) => writeFile(path.join(dir, article.path), article.text)),
    );
  }
  return { dir, count, bytes, drafts, italian, files };
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

const USAGE = `Usage: node scripts/corpus.ts <dir> <count> [--seed <text>] [--flat] [--clean]

Writes <count> valid articles into <dir>, in sub-folders by year (--flat: all in <dir>).
--clean first deletes the .md files already under <dir>.`;

async function main(argv: readonly string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        seed: { type: 'string' },
        flat: { type: 'boolean', default: false },
        clean: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [dir, countText] = positionals;
  const count = Number(countText);
  if (
    dir === undefined ||
    countText === undefined ||
    !Number.isInteger(count) ||
    count < 0 ||
    positionals.length > 2
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const started = performance.now();
  const summary = await generateCorpus(dir, count, {
    ...(values.seed === undefined ? {} : { seed: values.seed }),
    byYear: !values.flat,
    clean: values.clean,
  });
  const ms = performance.now() - started;
  process.stdout.write(
    `Wrote ${String(summary.count)} articles (${(summary.bytes / 1e6).toFixed(1)} MB, ${String(summary.italian)} in Italian, ${String(summary.drafts)} drafts) to ${dir} in ${(ms / 1000).toFixed(1)} s.\n`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
