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
 * const finding: ScriptFinding = {
 *   index: 40,
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
 * so the per-letter lookup usually stops early. Latin leads: it is by far the most common script
 * in every language's copy. The list goes beyond the required minimum so that languages such as
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

/**
 * One precompiled `\p{Script=…}` test per supported script. Script (not Script_Extensions) on
 * purpose: extensions put shared characters in several scripts, which would blur the one-letter
 * one-script verdict the lint relies on.
 */
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
 * Fast path: any letter or mark whose script is neither Latin nor Common/Inherited. Text without
 * one can yield no finding (every word is Latin-only and Latin is always allowed), so we return
 * before splitting. This is the brief's "nothing beyond Basic Latin, Latin-1 and Latin Extended"
 * test made exact: it also lets Vietnamese (Latin Extended Additional) and ʼ (Common) through.
 */
const NEEDS_CHECK = /[[\p{L}\p{M}]--[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]]/v;

/**
 * A word is a maximal run of letters and combining marks; anything else splits ("Rutte's" is two
 * words, both fine), so digits, emoji and punctuation never join two scripts into one word.
 */
const WORD_CHAR = String.raw`[\p{L}\p{M}]`;
const IS_WORD_CHAR = new RegExp(WORD_CHAR, 'u');
/** From `lastIndex`, runs to the end of the current word. */
const WORD_REST = new RegExp(`${WORD_CHAR}*`, 'uy');

/** Counts toward "a single-letter word" (marks do not). */
const LETTER = /\p{L}/u;

/** Digits, punctuation, combining marks, ʼ: never count toward any script. */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** What findScriptProblems needs to know about one language tag. */
interface LanguageProfile {
  readonly scripts: ReadonlySet<string>;
  /** Latin may appear inside a word of this language (see {@link LATIN_JOINING_SCRIPTS}). */
  readonly joinsLatin: boolean;
  /** See {@link suspectPattern}. */
  readonly suspect: RegExp;
}

/**
 * Per-tag cache: a site build asks about the same handful of tags thousands of times, so each
 * tag's `Intl.Locale` lookup and regex are built once, not per call.
 */
const LANGUAGE_CACHE = new Map<string, LanguageProfile>();
const LANGUAGE_CACHE_LIMIT = 512;

const escapes = (names: Iterable<string>): string =>
  [...names].map((name) => String.raw`\p{Script=${name}}`).join('');
const NEUTRAL_ESCAPES = escapes(['Common', 'Inherited']);
const SUPPORTED_ESCAPES = escapes(SCRIPT_CODES.map(([, name]) => name));

/**
 * A global regex for the spots that can make a word a finding, so a whole article is one regex
 * scan and only the rare suspect word is classified letter by letter:
 * - a letter or mark of a script that is neither Latin nor the language's own;
 * - where Latin may not join the language's script inside a word, a Latin letter next to one of
 *   the language's letters (only Common/Inherited marks between): "NАTO" in Russian.
 * Every word that yields a finding contains one of these; a match that turns out fine (a lone
 * Greek letter) is settled by the classification.
 */
function suspectPattern(scripts: ReadonlySet<string>, joinsLatin: boolean): RegExp {
  // scriptsForCode gives either supported scripts or just "Other", never both.
  const other = scripts.has(OTHER);
  const own = [...scripts].filter((script) => script !== 'Latin' && script !== OTHER);
  const foreign = other
    ? `[${WORD_CHAR}&&[${escapes(SCRIPT_CODES.map(([, name]) => name).filter((name) => name !== 'Latin'))}]]`
    : `[${WORD_CHAR}--[${escapes(['Latin', ...own])}${NEUTRAL_ESCAPES}]]`;
  const alternatives = [foreign];
  if (!joinsLatin && (other || own.length > 0)) {
    const latin = `[${WORD_CHAR}&&\\p{Script=Latin}]`;
    const neutral = `[${WORD_CHAR}&&[${NEUTRAL_ESCAPES}]]*`;
    const native = other
      ? `[${WORD_CHAR}--[${SUPPORTED_ESCAPES}${NEUTRAL_ESCAPES}]]`
      : `[${WORD_CHAR}&&[${escapes(own)}]]`;
    alternatives.push(`${latin}${neutral}${native}`, `${native}${neutral}${latin}`);
  }
  return new RegExp(alternatives.join('|'), 'gv');
}

/** Start of the word containing the character at `index` (UTF-16 offsets, surrogate-aware). */
function wordStart(text: string, index: number): number {
  let start = index;
  while (start > 0) {
    let previous = start - 1;
    const unit = text.charCodeAt(previous);
    if (unit >= 0xdc00 && unit <= 0xdfff && previous > 0) {
      const high = text.charCodeAt(previous - 1);
      if (high >= 0xd800 && high <= 0xdbff) previous--;
    }
    if (!IS_WORD_CHAR.test(text.slice(previous, start))) break;
    start = previous;
  }
  return start;
}

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

/**
 * The Unicode scripts a language is written in, from `new Intl.Locale(lang).maximize().script`
 * (so an explicit script subtag such as `sr-Latn` wins). Invalid or unknown tags fall back to
 * Latin; this never throws. Latin being always allowed is a rule of {@link findScriptProblems},
 * not part of this set.
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
  // A fine word is all Latin, or all the language's own scripts (plus Latin where it joins);
  // Common/Inherited characters may appear in either. Latin mixed with a non-joining script
  // ("NАTO" in Russian) matches neither branch.
  const profile: LanguageProfile = {
    scripts,
    joinsLatin,
    suspect: suspectPattern(scripts, joinsLatin),
  };
  if (LANGUAGE_CACHE.size >= LANGUAGE_CACHE_LIMIT) LANGUAGE_CACHE.clear();
  LANGUAGE_CACHE.set(lang, profile);
  return profile;
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

/** Script of one character: a supported script's name, "Other", or undefined when neutral. */
function classify(char: string): string | undefined {
  for (const { name, pattern } of SCRIPTS) {
    if (pattern.test(char)) return name;
  }
  return NEUTRAL.test(char) ? undefined : OTHER;
}

/**
 * Finds words that mix writing systems, or are written in a script the language does not use.
 *
 * Rules, in the order an editor would apply them:
 * - Latin is always allowed: acronyms and brands (NATO, Reuters, iPhone) appear in every
 *   newsroom's Arabic or Russian copy.
 * - A word mixing scripts is `mixed`, unless every script in it belongs to the language (Japanese
 *   kanji + kana, Korean hangul + hanja), or the language runs words together and the extra
 *   script is Latin ("iPhone用", "NATO는"). A Latin/Cyrillic mix in Russian is still flagged:
 *   that is the homoglyph case ("NАTO").
 * - A single-script word in a script neither Latin nor the language's is `unexpected`, except a
 *   lone Greek letter: α, β, π, Δ are symbols in science and finance copy in any language
 *   ("β-blocker", Russian "α-частица"), not Greek prose.
 * - Marks carrying a script (Devanagari vowel signs) count toward it; Common and Inherited
 *   characters (digits, punctuation, combining accents, ʼ) never count. Emoji and digits are not
 *   letters, so they split words.
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
  if (!NEEDS_CHECK.test(text)) return [];

  const { scripts: allowed, joinsLatin, suspect } = languageProfile(lang);
  const fits = (script: string): boolean =>
    allowed.has(script) || (joinsLatin && script === 'Latin');

  const findings: ScriptFinding[] = [];
  // The cached regex is shared, but this loop is synchronous: resetting lastIndex is enough.
  suspect.lastIndex = 0;
  for (let match = suspect.exec(text); match !== null; match = suspect.exec(text)) {
    const index = wordStart(text, match.index);
    WORD_REST.lastIndex = match.index;
    WORD_REST.test(text);
    const end = WORD_REST.lastIndex;
    const word = text.slice(index, end);
    suspect.lastIndex = end; // one verdict per word, however many suspect spots it has

    const scripts: string[] = [];
    let letters = 0;
    for (const char of word) {
      if (LETTER.test(char)) letters++;
      const script = classify(char);
      if (script !== undefined && !scripts.includes(script)) scripts.push(script);
    }

    let kind: ScriptFinding['kind'] | undefined;
    const [only] = scripts;
    if (scripts.length > 1) {
      if (!scripts.every(fits)) kind = 'mixed';
    } else if (only !== undefined && only !== 'Latin' && !allowed.has(only)) {
      if (!(only === 'Greek' && letters === 1)) kind = 'unexpected';
    }

    if (kind !== undefined) {
      findings.push({ index, word, kind, scripts: scripts.map(scriptName) });
    }
  }
  return findings;
}
