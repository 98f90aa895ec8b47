/**
 * How an element marks text in another language than the text around it: `lang`, so screen readers
 * pronounce it right, and `dir`, which also isolates it (an element with `dir` is a bidi isolate), so
 * an Arabic title in an English list, or English words on an Arabic page, neither reorders nor is
 * reordered by its neighbours.
 */
import { textDirection } from '../article/schema/fields.ts';

export interface LanguageAttributes {
  readonly lang?: string;
  readonly dir?: 'ltr' | 'rtl';
}

/** The attributes for text in `textLang` inside an element in `aroundLang`: none when they match. */
export function languageAttributes(textLang: string, aroundLang: string): LanguageAttributes {
  if (textLang.toLowerCase() === aroundLang.toLowerCase()) return {};
  return { lang: textLang, dir: textDirection(textLang) };
}

const names = new Map<string, string>();

/** The name of language `lang` in language `inLang` ("Italian", "inglese"), or its tag. */
export function languageName(lang: string, inLang: string): string {
  const key = `${inLang} ${lang}`;
  let name = names.get(key);
  if (name === undefined) {
    try {
      name =
        new Intl.DisplayNames([inLang], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
    } catch {
      name = lang;
    }
    names.set(key, name);
  }
  return name;
}
