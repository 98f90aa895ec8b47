import { describe, expect, it } from 'vitest';
import {
  findScriptProblems,
  scriptName,
  scriptsForLanguage,
  type ScriptFinding,
} from '../../src/article/scripts.ts';

const CYRILLIC_A = '\u0410'; // А, looks exactly like Latin A
const NATO_HOMOGLYPH = `N${CYRILLIC_A}TO`;

describe('findScriptProblems', () => {
  it('reports a Russian word pasted into English prose as unexpected, at its exact index', () => {
    const text = 'The alliance is behaving exactly as the treaty предполагает.';
    const findings = findScriptProblems(text, 'en');
    expect(findings).toEqual<ScriptFinding[]>([
      { index: 47, word: 'предполагает', kind: 'unexpected', scripts: ['Cyrillic'] },
    ]);
    expect(text.slice(47, 47 + 'предполагает'.length)).toBe('предполагает');
  });

  it('reports a homoglyph word whose A is Cyrillic as mixed in English', () => {
    expect(findScriptProblems(`Leaders of ${NATO_HOMOGLYPH} met.`, 'en')).toEqual([
      { index: 11, word: NATO_HOMOGLYPH, kind: 'mixed', scripts: ['Latin', 'Cyrillic'] },
    ]);
  });

  it('finds nothing in Italian text full of accented letters', () => {
    const text = "Perché la città è già là: l'università più antica d'Europa, però così.";
    expect(findScriptProblems(text, 'it')).toEqual([]);
  });

  it('finds nothing in Vietnamese, whose letters are Latin Extended Additional', () => {
    expect(findScriptProblems('Thủ tướng Việt Nam phát biểu tại Hà Nội.', 'vi')).toEqual([]);
  });

  it('allows Latin acronyms in an Arabic article', () => {
    expect(findScriptProblems('قال الأمين العام لحلف NATO إن الحلف مستعد.', 'ar')).toEqual([]);
  });

  it('reports a Cyrillic word in an Arabic article as unexpected', () => {
    const text = 'قال المتحدث كلمة предполагает ثم غادر.';
    expect(findScriptProblems(text, 'ar')).toEqual([
      {
        index: text.indexOf('предполагает'),
        word: 'предполагает',
        kind: 'unexpected',
        scripts: ['Cyrillic'],
      },
    ]);
  });

  it('allows Japanese words that mix kanji, hiragana and katakana', () => {
    expect(findScriptProblems('東京都の食べ物はニュース番組で紹介された。', 'ja')).toEqual([]);
  });

  it('allows a Latin brand glued to Japanese, Chinese or Korean text', () => {
    expect(findScriptProblems('新しいiPhone用のケース', 'ja')).toEqual([]);
    expect(findScriptProblems('在NATO峰会上', 'zh')).toEqual([]);
    expect(findScriptProblems('NATO는 성명을 발표했다.', 'ko')).toEqual([]);
  });

  it('allows hangul with hanja in a Korean word', () => {
    expect(findScriptProblems('大韓민국 정부', 'ko')).toEqual([]);
  });

  it('reports a Cyrillic word glued into Japanese text as mixed', () => {
    expect(findScriptProblems('条約はпредполагает', 'ja')).toEqual([
      {
        index: 0,
        word: '条約はпредполагает',
        kind: 'mixed',
        scripts: ['Han', 'Hiragana', 'Cyrillic'],
      },
    ]);
  });

  it('finds nothing in a Russian article written in Russian with Latin acronyms', () => {
    expect(findScriptProblems('Генсек NATO заявил, что альянс готов.', 'ru')).toEqual([]);
  });

  it('reports the NATO homoglyph in a Russian article as mixed', () => {
    const text = `Генсек ${NATO_HOMOGLYPH} заявил.`;
    expect(findScriptProblems(text, 'ru')).toEqual([
      { index: 7, word: NATO_HOMOGLYPH, kind: 'mixed', scripts: ['Latin', 'Cyrillic'] },
    ]);
  });

  it('allows a single Greek letter used as a symbol in English', () => {
    expect(findScriptProblems('The α coefficient of a β-blocker, with Δ = 3.', 'en')).toEqual([]);
  });

  it('allows a single Greek letter used as a symbol in Russian', () => {
    expect(findScriptProblems('Это α-частица.', 'ru')).toEqual([]);
  });

  it('reports a Greek word in English as unexpected', () => {
    expect(findScriptProblems('The slogan was δημοκρατία for all.', 'en')).toEqual([
      { index: 15, word: 'δημοκρατία', kind: 'unexpected', scripts: ['Greek'] },
    ]);
  });

  it('finds nothing in Greek prose in a Greek article', () => {
    expect(findScriptProblems('Η κυβέρνηση ανακοίνωσε μέτρα για το ΝΑΤΟ.', 'el')).toEqual([]);
  });

  it('falls back to Latin for an invalid language tag without throwing', () => {
    expect(() => findScriptProblems('plain text', 'not a tag')).not.toThrow();
    expect(findScriptProblems('plain text', 'not a tag')).toEqual([]);
    expect(findScriptProblems('the treaty предполагает', '')).toEqual([
      { index: 11, word: 'предполагает', kind: 'unexpected', scripts: ['Cyrillic'] },
    ]);
  });

  it('accepts a Cyrillic word in sr-Cyrl but reports it in sr-Latn', () => {
    const text = 'Влада је саопштила';
    expect(findScriptProblems(text, 'sr-Cyrl')).toEqual([]);
    expect(findScriptProblems(text, 'sr-Latn').map((f) => [f.word, f.kind])).toEqual([
      ['Влада', 'unexpected'],
      ['је', 'unexpected'],
      ['саопштила', 'unexpected'],
    ]);
    expect(findScriptProblems('Vlada je saopštila', 'sr-Latn')).toEqual([]);
  });

  it('never counts emoji or digits toward a script', () => {
    expect(findScriptProblems('Score 3:1 🎉👍🏽 in 2024 🇺🇦', 'en')).toEqual([]);
    expect(findScriptProblems('Счёт 3:1 🎉 в 2024 году', 'ru')).toEqual([]);
    // Digits and emoji split words: no word here mixes Latin and Cyrillic.
    expect(findScriptProblems('G7🎉саммит 2024год', 'ru')).toEqual([]);
  });

  it('ignores Common letters such as the modifier apostrophe inside a word', () => {
    expect(findScriptProblems('Зʼїзд відбувся', 'uk')).toEqual([]);
  });

  it('returns several findings in text order with UTF-16 indices after astral characters', () => {
    // 😀 and the mathematical bold 𝐀 (a Common letter, so not a finding) are two UTF-16 units each.
    const text = `😀 𝐀 said 人 and предполагает, then ${NATO_HOMOGLYPH} and δημοκρατία.`;
    const findings = findScriptProblems(text, 'en');
    expect(findings).toEqual([
      { index: 11, word: '人', kind: 'unexpected', scripts: ['Han'] },
      { index: 17, word: 'предполагает', kind: 'unexpected', scripts: ['Cyrillic'] },
      { index: 36, word: NATO_HOMOGLYPH, kind: 'mixed', scripts: ['Latin', 'Cyrillic'] },
      { index: 45, word: 'δημοκρατία', kind: 'unexpected', scripts: ['Greek'] },
    ]);
    for (const { index, word } of findings) {
      expect(text.slice(index, index + word.length)).toBe(word);
    }
  });

  it('finds nothing in English copy with curly quotes, dashes, currency and ligatures', () => {
    const text = '“We’re ready,” said Mark Rutte — €5 bn, ½ of it; naïve café ﬁnance… ™ © № → ✓';
    expect(findScriptProblems(text, 'en')).toEqual([]);
  });

  it('counts a decomposed accent as part of the word and toward no script', () => {
    // й as и + U+0306 COMBINING BREVE, é as e + U+0301.
    expect(findScriptProblems('Сергеи\u0306 said cafe\u0301', 'ru')).toEqual([]);
    expect(findScriptProblems('Сергеи\u0306 said cafe\u0301', 'en')).toEqual([
      { index: 0, word: 'Сергеи\u0306', kind: 'unexpected', scripts: ['Cyrillic'] },
    ]);
  });

  it('counts Devanagari vowel signs as Devanagari in a Hindi article', () => {
    expect(findScriptProblems('प्रधानमंत्री ने NATO के बारे में कहा।', 'hi')).toEqual([]);
    expect(findScriptProblems('प्रधानमंत्री ने कहा', 'en')).toHaveLength(3);
  });

  it('allows Latin glued to Thai, which has no spaces between words', () => {
    expect(findScriptProblems('นายกรัฐมนตรีกล่าวว่าNATOพร้อม', 'th')).toEqual([]);
  });

  it('never counts Common letters such as mathematical bold toward a script', () => {
    expect(findScriptProblems('𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 news', 'en')).toEqual([]);
  });

  it('survives a lone surrogate', () => {
    expect(findScriptProblems('bad \uD83D data, then я', 'en')).toEqual([
      { index: 17, word: 'я', kind: 'unexpected', scripts: ['Cyrillic'] },
    ]);
  });

  it('takes every character of the fast-path blocks for Latin or neutral', () => {
    // The fast path returns [] for text made only of these blocks without looking at words;
    // running all of them through the full scan shows that is safe.
    const blocks: [number, number][] = [
      [0x0000, 0x024f],
      [0x0300, 0x036f],
      [0x1e00, 0x1eff],
      [0x2000, 0x206f],
      [0x20a0, 0x20cf],
    ];
    let text = '';
    for (const [from, to] of blocks) {
      for (let point = from; point <= to; point++) text += String.fromCodePoint(point);
    }
    expect(findScriptProblems(`${text} я`, 'en')).toEqual([
      { index: text.length + 1, word: 'я', kind: 'unexpected', scripts: ['Cyrillic'] },
    ]);
  });

  it('allows the letters of a script it cannot name in a language written in it', () => {
    expect([...scriptsForLanguage('iu')]).toEqual(['Other']);
    expect(findScriptProblems('ᐃᓄᒃᑎᑐᑦ NATO', 'iu')).toEqual([]);
    expect(findScriptProblems('ᐃᓄᒃᑎᑐᑦ предполагает', 'iu')).toEqual([
      { index: 7, word: 'предполагает', kind: 'unexpected', scripts: ['Cyrillic'] },
    ]);
  });

  it('reports letters of an unsupported script as another writing system', () => {
    // Cuneiform is outside the supported list.
    expect(findScriptProblems('The tablet reads 𒀭𒂗𒍪.', 'en')).toEqual([
      { index: 17, word: '𒀭𒂗𒍪', kind: 'unexpected', scripts: ['another writing system'] },
    ]);
  });

  it('finds the one pasted word in an 8 KB article and nothing in long Russian text', () => {
    const english = 'NATO chief Mark Rutte said on Tuesday that the alliance “remained united”. ';
    const russian = 'Генсек NATO заявил во вторник, что альянс «остаётся единым». ';
    expect(findScriptProblems(`${english.repeat(110)}предполагает`, 'en')).toHaveLength(1);
    expect(findScriptProblems(russian.repeat(130), 'ru')).toEqual([]);
  });
});

describe('scriptsForLanguage', () => {
  it('derives the scripts from the maximized language tag', () => {
    expect([...scriptsForLanguage('en')]).toEqual(['Latin']);
    expect([...scriptsForLanguage('ru')]).toEqual(['Cyrillic']);
    expect([...scriptsForLanguage('ar')]).toEqual(['Arabic']);
    expect([...scriptsForLanguage('he')]).toEqual(['Hebrew']);
    expect([...scriptsForLanguage('el')]).toEqual(['Greek']);
    expect([...scriptsForLanguage('hi')]).toEqual(['Devanagari']);
    expect([...scriptsForLanguage('th')]).toEqual(['Thai']);
  });

  it('maps composite writing systems to several Unicode scripts', () => {
    expect([...scriptsForLanguage('zh')]).toEqual(['Han']);
    expect([...scriptsForLanguage('zh-TW')]).toEqual(['Han']);
    expect([...scriptsForLanguage('ja')]).toEqual(['Han', 'Hiragana', 'Katakana']);
    expect([...scriptsForLanguage('ko')]).toEqual(['Hangul', 'Han']);
  });

  it('lets an explicit script subtag win', () => {
    expect([...scriptsForLanguage('sr')]).toEqual(['Cyrillic']);
    expect([...scriptsForLanguage('sr-Latn')]).toEqual(['Latin']);
    expect([...scriptsForLanguage('sr-Cyrl')]).toEqual(['Cyrillic']);
  });

  it('falls back to Latin for invalid or unknown tags', () => {
    for (const tag of ['', 'not a tag', '123', 'xx', 'und-Zzzz']) {
      expect([...scriptsForLanguage(tag)]).toEqual(['Latin']);
    }
  });

  it('accepts an underscore in place of the hyphen', () => {
    expect([...scriptsForLanguage('sr_Latn')]).toEqual(['Latin']);
  });
});

describe('scriptName', () => {
  it('names scripts given as ISO 15924 codes or Unicode names', () => {
    expect(scriptName('Cyrl')).toBe('Cyrillic');
    expect(scriptName('latn')).toBe('Latin');
    expect(scriptName('Arabic')).toBe('Arabic');
    expect(scriptName('Jpan')).toBe('Japanese');
    expect(scriptName('Other')).toBe('another writing system');
    expect(scriptName('Qaaa')).toBe('another writing system');
  });
});
