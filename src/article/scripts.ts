/**
 * Editorial lint for writing systems in prose: flags a word that mixes writing systems (the
 * homoglyph "NАTO" whose А is Cyrillic) and a word in a script the article's `lang` does not use
 * (a Russian word pasted into an English sentence).
 *
 * Pure TypeScript over JS built-ins only: `Intl.Locale` for the language's script and Unicode
 * property escapes (`\p{Script=…}`) for each letter's script.
 */

/**
 * One word the lint objects to.
 *
 * @example
 * // From 'behaving exactly as the treaty предполагает.' in an English article:
 * const finding: ScriptFinding = {
 *   index: 31,
 *   word: 'предполагает',
 *   kind: 'unexpected',
 *   scripts: ['Cyrillic'],
 * };
 */
export interface ScriptFinding {
  /** UTF-16 index of the word's first character in the input string. */
  readonly index: number;
  readonly word: string;
  /**
   * `mixed`: letters from two or more scripts in one word; `unexpected`: a single-script word in
   * a script the language does not use.
   */
  readonly kind: 'mixed' | 'unexpected';
  /** Human names of the scripts found, e.g. `['Latin', 'Cyrillic']`, in order of first appearance. */
  readonly scripts: readonly string[];
}

/** Internal name of the bucket for letters of any script not in {@link SCRIPTS}. */
const OTHER = 'Other';
/** How {@link OTHER} is reported to an editor. */
const OTHER_NAME = 'another writing system';

/**
 * Supported scripts as [ISO 15924 code, Unicode script name], most frequent in news copy first
 * so classifying a new character usually stops early. The list goes beyond the required minimum so that languages such as
 * Punjabi or Sinhala are checked too instead of all their letters landing in "Other".
 */
const SCRIPT_CODES: readonly (readonly [code: string, name: string])[] = [
  ['Latn', 'Latin'],
  ['Cyrl', 'Cyrillic'],
  ['Arab', 'Arabic'],
  ['Hani', 'Han'],
  ['Hira', 'Hiragana'],
  ['Kana', 'Katakana'],
  ['Hang', 'Hangul'],
  ['Grek', 'Greek'],
  ['Hebr', 'Hebrew'],
  ['Deva', 'Devanagari'],
  ['Beng', 'Bengali'],
  ['Taml', 'Tamil'],
  ['Thai', 'Thai'],
  ['Armn', 'Armenian'],
  ['Geor', 'Georgian'],
  ['Ethi', 'Ethiopic'],
  ['Guru', 'Gurmukhi'],
  ['Gujr', 'Gujarati'],
  ['Orya', 'Oriya'],
  ['Telu', 'Telugu'],
  ['Knda', 'Kannada'],
  ['Mlym', 'Malayalam'],
  ['Sinh', 'Sinhala'],
  ['Laoo', 'Lao'],
  ['Khmr', 'Khmer'],
  ['Mymr', 'Myanmar'],
  ['Tibt', 'Tibetan'],
  ['Thaa', 'Thaana'],
  ['Syrc', 'Syriac'],
  ['Mong', 'Mongolian'],
  ['Tfng', 'Tifinagh'],
  ['Cher', 'Cherokee'],
];

/** One precompiled `\p{Script=…}` test per supported script (see classify). */
const SCRIPTS: readonly { readonly name: string; readonly pattern: RegExp }[] = SCRIPT_CODES.map(
  ([, name]) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') }),
);

/** ISO 15924 code (lower-cased) -> Unicode script name. */
const NAME_BY_CODE: ReadonlyMap<string, string> = new Map(
  SCRIPT_CODES.map(([code, name]) => [code.toLowerCase(), name]),
);

/** Unicode script name (lower-cased) -> its spelling in {@link SCRIPT_CODES}. */
const NAME_BY_NAME: ReadonlyMap<string, string> = new Map(
  SCRIPT_CODES.map(([, name]) => [name.toLowerCase(), name]),
);

/**
 * ISO 15924 codes that stand for a writing system made of several Unicode scripts (or that are a
 * variant of one). Simplified and Traditional Chinese are both Han; Japanese is written in Han
 * plus both kana; Korean in Hangul with occasional Han (hanja).
 */
const COMPOSITE_SCRIPTS: ReadonlyMap<
  string,
  { readonly human: string; readonly scripts: readonly string[] }
> = new Map([
  ['hans', { human: 'Simplified Han', scripts: ['Han'] }],
  ['hant', { human: 'Traditional Han', scripts: ['Han'] }],
  ['jpan', { human: 'Japanese', scripts: ['Han', 'Hiragana', 'Katakana'] }],
  ['kore', { human: 'Korean', scripts: ['Hangul', 'Han'] }],
  ['hrkt', { human: 'Japanese kana', scripts: ['Hiragana', 'Katakana'] }],
  ['jamo', { human: 'Hangul', scripts: ['Hangul'] }],
]);

/**
 * ISO 15924 codes that name no writing system (Common, Inherited, unwritten, unknown, symbols).
 * A tag carrying one of these tells us nothing, so it falls back to Latin like an invalid tag.
 */
const NON_SCRIPT_CODES: ReadonlySet<string> = new Set([
  'zyyy',
  'zinh',
  'zxxx',
  'zzzz',
  'zmth',
  'zsym',
  'zsye',
]);

/**
 * Scripts written without spaces between words (Han, kana, Thai and its neighbours) or with
 * particles glued onto words (Korean "NATO는"). In these languages a Latin acronym or brand
 * inside a letter run ("iPhone用", "在NATO峰会上", "NATO는") is ordinary copy, and Latin has no
 * look-alike letters there, so it is not a homoglyph risk either.
 */
const LATIN_JOINING_SCRIPTS: ReadonlySet<string> = new Set([
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Thai',
  'Lao',
  'Khmer',
  'Myanmar',
  'Tibetan',
]);

/**
 * Fast path: a character outside the blocks that hold only Latin, Common and Inherited
 * characters (Basic Latin, Latin-1, Latin Extended-A/B, combining diacritics, Latin Extended
 * Additional, general punctuation, currency signs). Text without one is Latin words between
 * neutral characters, which can yield no finding because Latin is always allowed, so we return
 * before splitting. Plain ranges without the `u` flag: V8 scans them several times faster than
 * a property-escape class, and typical English copy (curly quotes, dashes, €) stays on this path.
 * (Lint: U+0000 starts the range on purpose, and U+0300–U+036F is a range, not a combination.)
 */
// eslint-disable-next-line no-control-regex, no-misleading-character-class
const OUTSIDE_LATIN_BLOCKS = /[^\u0000-\u024F\u0300-\u036F\u1E00-\u1EFF\u2000-\u206F\u20A0-\u20CF]/;

/** A word is a maximal run of letters and combining marks; anything else splits words. */
const WORD_CHAR = /[\p{L}\p{M}]/u;

/** Counts toward "a single-letter word" (marks do not). */
const LETTER = /\p{L}/u;

/** Digits, punctuation, combining marks, ʼ: never count toward any script. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

// Character classes, as small integers so a whole article is scanned with one typed-array lookup
// per character instead of a regex test per letter. Supported script i is FIRST_SCRIPT_ID + i.
const NOT_WORD = 0;
const NEUTRAL_ID = 1;
const FIRST_SCRIPT_ID = 2;
const LATIN_ID = FIRST_SCRIPT_ID + SCRIPTS.findIndex(({ name }) => name === 'Latin');
const GREEK_ID = FIRST_SCRIPT_ID + SCRIPTS.findIndex(({ name }) => name === 'Greek');
const OTHER_ID = FIRST_SCRIPT_ID + SCRIPTS.length;
const UNKNOWN_ID = 0xff;
const ID_COUNT = OTHER_ID + 1;
const SCRIPT_BY_ID: readonly string[] = ['', '', ...SCRIPTS.map(({ name }) => name), OTHER];

/**
 * Class of every BMP code unit, filled lazily: each character is classified with the regexes
 * once per process, so the table costs only the characters actually seen.
 */
const BMP_IDS = new Uint8Array(0x10000).fill(UNKNOWN_ID);
/** Same for astral code points (Han extensions, emoji), in a bounded map. */
const ASTRAL_IDS = new Map<number, number>();
const ASTRAL_IDS_LIMIT = 0x10000;

/**
 * Class of one code point via `\p{Script=…}` (not Script_Extensions: extensions put shared
 * characters in several scripts, which would blur the one-letter one-script verdict).
 */
function classify(point: number): number {
  const char = String.fromCodePoint(point);
  if (!WORD_CHAR.test(char)) return NOT_WORD;
  const index = SCRIPTS.findIndex(({ pattern }) => pattern.test(char));
  if (index >= 0) return FIRST_SCRIPT_ID + index;
  // Marks carrying a script (Devanagari vowel signs) count toward it above; Common and
  // Inherited ones (combining accents, ʼ) count toward none.
  return NEUTRAL.test(char) ? NEUTRAL_ID : OTHER_ID;
}

function classOf(point: number): number {
  if (point <= 0xffff) {
    let id = BMP_IDS[point] ?? UNKNOWN_ID;
    if (id === UNKNOWN_ID) BMP_IDS[point] = id = classify(point);
    return id;
  }
  let id = ASTRAL_IDS.get(point);
  if (id === undefined) {
    if (ASTRAL_IDS.size >= ASTRAL_IDS_LIMIT) ASTRAL_IDS.clear();
    ASTRAL_IDS.set(point, (id = classify(point)));
  }
  return id;
}

/** What findScriptProblems needs to know about one language tag. */
interface LanguageProfile {
  readonly scripts: ReadonlySet<string>;
  /** By class id: 1 if a word in that script alone is fine (Latin or the language's own). */
  readonly fineAlone: Uint8Array;
  /** By class id: 1 if that script may share a word with the others (see findScriptProblems). */
  readonly fineMixed: Uint8Array;
}

/**
 * Per-tag cache: a site build asks about the same handful of tags thousands of times, so each
 * tag's `Intl.Locale` lookup is done once, not per call.
 */
const LANGUAGE_CACHE = new Map<string, LanguageProfile>();
const LANGUAGE_CACHE_LIMIT = 512;

/** Unicode script names behind an ISO 15924 code, or undefined if the code names no script. */
function scriptsForCode(code: string): readonly string[] | undefined {
  const key = code.toLowerCase();
  if (NON_SCRIPT_CODES.has(key)) return undefined;
  const composite = COMPOSITE_SCRIPTS.get(key);
  if (composite !== undefined) return composite.scripts;
  const name = NAME_BY_CODE.get(key);
  // A real script we cannot tell apart (e.g. Canadian Syllabics for Inuktitut): its letters land
  // in "Other", so allow "Other" rather than flag every word of the article.
  return name === undefined ? [OTHER] : [name];
}

function languageProfile(lang: string): LanguageProfile {
  const cached = LANGUAGE_CACHE.get(lang);
  if (cached !== undefined) return cached;

  let code: string | undefined;
  try {
    // Editors write en_US as often as en-US; BCP 47 only knows the hyphen.
    code = new Intl.Locale(lang.trim().replaceAll('_', '-')).maximize().script;
  } catch {
    code = undefined; // RangeError for a malformed tag: fall back to Latin below.
  }
  const scripts: ReadonlySet<string> = new Set(
    (code === undefined ? undefined : scriptsForCode(code)) ?? ['Latin'],
  );

  const joinsLatin = [...scripts].some((script) => LATIN_JOINING_SCRIPTS.has(script));
  const fineAlone = new Uint8Array(ID_COUNT);
  const fineMixed = new Uint8Array(ID_COUNT);
  SCRIPT_BY_ID.forEach((script, id) => {
    if (id < FIRST_SCRIPT_ID) return;
    const own = scripts.has(script);
    fineAlone[id] = own || id === LATIN_ID ? 1 : 0;
    fineMixed[id] = own || (joinsLatin && id === LATIN_ID) ? 1 : 0;
  });

  const profile: LanguageProfile = { scripts, fineAlone, fineMixed };
  if (LANGUAGE_CACHE.size >= LANGUAGE_CACHE_LIMIT) LANGUAGE_CACHE.clear();
  LANGUAGE_CACHE.set(lang, profile);
  return profile;
}

/**
 * The Unicode scripts a language is written in, from `new Intl.Locale(lang).maximize().script`
 * (so an explicit script subtag such as `sr-Latn` wins). Invalid or unknown tags fall back to
 * Latin; this never throws. Latin being always allowed is a rule of {@link findScriptProblems},
 * not part of this set.
 * A script outside the supported list (Canadian Syllabics for `iu`) is given as `'Other'`.
 *
 * @example
 * scriptsForLanguage('ru'); // Set { 'Cyrillic' }
 * scriptsForLanguage('ja'); // Set { 'Han', 'Hiragana', 'Katakana' }
 * scriptsForLanguage('sr-Latn'); // Set { 'Latin' }
 * scriptsForLanguage('not a tag'); // Set { 'Latin' }
 */
export function scriptsForLanguage(lang: string): ReadonlySet<string> {
  return languageProfile(lang).scripts;
}

/**
 * A human name for a script given as an ISO 15924 code or a Unicode script name
 * (case-insensitive). Anything unknown, and the internal "Other" bucket, read as
 * "another writing system".
 *
 * @example
 * scriptName('Cyrl'); // 'Cyrillic'
 * scriptName('Cyrillic'); // 'Cyrillic'
 * scriptName('Jpan'); // 'Japanese'
 * scriptName('Other'); // 'another writing system'
 */
export function scriptName(script: string): string {
  const key = script.trim().toLowerCase();
  return (
    NAME_BY_NAME.get(key) ??
    NAME_BY_CODE.get(key) ??
    COMPOSITE_SCRIPTS.get(key)?.human ??
    OTHER_NAME
  );
}

/** The finding for a word the scan flagged, or undefined if it is a lone Greek symbol. */
function judge(word: string, index: number, mixed: boolean): ScriptFinding | undefined {
  const ids: number[] = [];
  let letters = 0;
  for (const char of word) {
    const id = classOf(char.codePointAt(0) ?? 0);
    if (id >= FIRST_SCRIPT_ID && !ids.includes(id)) ids.push(id);
    if (LETTER.test(char)) letters++;
  }
  // α, β, π, Δ alone are symbols in science and finance copy in any language ("β-blocker",
  // Russian "α-частица"), not Greek prose; a Greek word of two letters or more is prose.
  if (!mixed && ids[0] === GREEK_ID && letters === 1) return undefined;
  const scripts = ids.map((id) => scriptName(SCRIPT_BY_ID[id] ?? OTHER));
  return { index, word, kind: mixed ? 'mixed' : 'unexpected', scripts };
}

/**
 * Finds words that mix writing systems, or are written in a script the language does not use.
 *
 * Rules, in the order an editor would apply them:
 * - A word is a maximal run of letters and combining marks: digits, emoji, apostrophes and
 *   hyphens split words ("Rutte's" is two words, both fine).
 * - Common and Inherited characters (digits, punctuation, combining accents, ʼ) never count
 *   toward a script; marks carrying a script (Devanagari vowel signs) count toward it.
 * - Latin is always allowed: acronyms and brands (NATO, Reuters, iPhone) appear in every
 *   newsroom's Arabic or Russian copy.
 * - A word mixing scripts is `mixed`, unless every script in it belongs to the language (Japanese
 *   kanji + kana, Korean hangul + hanja), or the language runs words together and the extra
 *   script is Latin ("iPhone用", "NATO는"). A Latin/Cyrillic mix in Russian is still flagged:
 *   that is the homoglyph case ("NАTO").
 * - A single-script word in a script neither Latin nor the language's is `unexpected`, except a
 *   lone Greek letter, which is a symbol (α, β-blocker), in any language.
 *
 * Findings come in text order; `index` is a UTF-16 offset into `text`.
 *
 * @example
 * findScriptProblems('behaving exactly as the treaty предполагает.', 'en');
 * // [{ index: 31, word: 'предполагает', kind: 'unexpected', scripts: ['Cyrillic'] }]
 * findScriptProblems('NАTO allies', 'ru'); // А is Cyrillic
 * // [{ index: 0, word: 'NАTO', kind: 'mixed', scripts: ['Latin', 'Cyrillic'] }]
 * findScriptProblems('قال حلف NATO', 'ar'); // []
 */
export function findScriptProblems(text: string, lang: string): ScriptFinding[] {
  if (!OUTSIDE_LATIN_BLOCKS.test(text)) return [];

  const { fineAlone, fineMixed } = languageProfile(lang);
  const findings: ScriptFinding[] = [];
  const { length } = text;
  let start = -1; // start of the current word, -1 between words
  let first = NOT_WORD; // first script in the current word, NOT_WORD while it has none
  let mixed = false; // the current word has a second script
  let fits = true; // every script of the current word may share a word (fineMixed)

  // One pass over UTF-16 code units; i === length closes the last word.
  for (let i = 0, width: number; i <= length; i += width) {
    let id = NOT_WORD;
    width = 1;
    if (i < length) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const point = text.codePointAt(i) ?? unit; // a lone surrogate stays itself: NOT_WORD
        if (point > 0xffff) width = 2;
        id = classOf(point);
      } else {
        id = classOf(unit);
      }
    }

    if (id === NOT_WORD) {
      if (start >= 0) {
        const flagged = mixed ? !fits : first !== NOT_WORD && fineAlone[first] === 0;
        const finding = flagged ? judge(text.slice(start, i), start, mixed) : undefined;
        if (finding !== undefined) findings.push(finding);
        start = -1;
      }
      continue;
    }
    if (start < 0) {
      start = i;
      first = NOT_WORD;
      mixed = false;
      fits = true;
    }
    if (id === NEUTRAL_ID) continue;
    if (first === NOT_WORD) first = id;
    else if (id !== first) mixed = true;
    if (fineMixed[id] === 0) fits = false;
  }
  return findings;
}
