/**
 * The words of the site's own interface in each language an article can be written in. A page in a
 * language we have no words for falls back to English, marked as such so screen readers switch.
 */
import { languageAttributes, type LanguageAttributes } from './language.ts';

export interface Labels {
  readonly lang: string;
  readonly skipToContent: string;
  readonly home: string;
  readonly timeline: string;
  readonly topics: string;
  readonly sources: string;
  readonly search: string;
  readonly by: string;
  readonly published: string;
  readonly updated: string;
  readonly whoSaidWhat: string;
  readonly respondingTo: string;
  readonly responses: string;
  readonly claimedBy: string;
  readonly faq: string;
  readonly openQuestions: string;
  readonly corrections: string;
  readonly keyDates: string;
  readonly sourcesTitle: string;
  readonly sourcesIntro: string;
  readonly source: string;
  readonly citedIn: string;
  readonly usedByClaims: string;
  readonly usedByEvents: string;
  readonly notes: string;
  readonly language: string;
  readonly kinds: Readonly<Record<'news' | 'analysis' | 'explainer' | 'brief' | 'opinion', string>>;
  readonly sourceTypes: Readonly<
    Record<
      | 'wire'
      | 'social'
      | 'press'
      | 'broadcast'
      | 'official'
      | 'encyclopedia'
      | 'market'
      | 'report'
      | 'other',
      string
    >
  >;
  readonly statuses: Readonly<
    Record<'asserted' | 'disputed' | 'denied' | 'confirmed' | 'retracted' | 'unverified', string>
  >;
  /**
   * The name of the link from a source's footer entry back to its `citation`-th citation in the
   * text: unique on the page, since screen readers list links by name.
   */
  readonly citationBack: (citation: number, source: number) => string;
  /** The name of the link from a footnote back to its `reference`-th call in the text. */
  readonly noteBack: (note: number, reference: number) => string;
}

const en: Labels = {
  lang: 'en',
  skipToContent: 'Skip to content',
  home: 'Home',
  timeline: 'Timeline',
  topics: 'Topics',
  sources: 'Sources',
  search: 'Search',
  by: 'By',
  published: 'Published',
  updated: 'Updated',
  whoSaidWhat: 'Who said what',
  respondingTo: 'In response to',
  responses: 'Responses',
  claimedBy: 'Claimed by',
  faq: 'Questions and answers',
  openQuestions: 'What remains uncertain',
  corrections: 'Corrections',
  keyDates: 'Key dates',
  sourcesTitle: 'Sources',
  sourcesIntro: 'Every source behind this article, and where it is used.',
  source: 'Source',
  citedIn: 'Cited in the text',
  usedByClaims: 'Supports claims',
  usedByEvents: 'Records events',
  notes: 'Notes',
  language: 'Language',
  kinds: {
    news: 'News',
    analysis: 'Analysis',
    explainer: 'Explainer',
    brief: 'Brief',
    opinion: 'Opinion',
  },
  sourceTypes: {
    wire: 'Wire',
    social: 'Social media',
    press: 'Press',
    broadcast: 'Broadcast',
    official: 'Official',
    encyclopedia: 'Encyclopedia',
    market: 'Market',
    report: 'Report',
    other: 'Other',
  },
  statuses: {
    asserted: 'Asserted',
    disputed: 'Disputed',
    denied: 'Denied',
    confirmed: 'Confirmed',
    retracted: 'Retracted',
    unverified: 'Unverified',
  },
  citationBack: (citation, source) =>
    `Back to citation ${String(citation)} of source ${String(source)} in the text`,
  noteBack: (note, reference) =>
    `Back to reference ${String(reference)} of note ${String(note)} in the text`,
};

const it: Labels = {
  lang: 'it',
  skipToContent: 'Vai al contenuto',
  home: 'Home',
  timeline: 'Cronologia',
  topics: 'Argomenti',
  sources: 'Fonti',
  search: 'Cerca',
  by: 'Di',
  published: 'Pubblicato',
  updated: 'Aggiornato',
  whoSaidWhat: 'Chi ha detto cosa',
  respondingTo: 'In risposta a',
  responses: 'Risposte',
  claimedBy: 'Affermato da',
  faq: 'Domande e risposte',
  openQuestions: 'Cosa resta incerto',
  corrections: 'Correzioni',
  keyDates: 'Date chiave',
  sourcesTitle: 'Fonti',
  sourcesIntro: 'Tutte le fonti di questo articolo e dove sono usate.',
  source: 'Fonte',
  citedIn: 'Citata nel testo',
  usedByClaims: 'Sostiene le affermazioni',
  usedByEvents: 'Documenta gli eventi',
  notes: 'Note',
  language: 'Lingua',
  kinds: {
    news: 'Notizia',
    analysis: 'Analisi',
    explainer: 'Spiegazione',
    brief: 'In breve',
    opinion: 'Opinione',
  },
  sourceTypes: {
    wire: 'Agenzia',
    social: 'Social media',
    press: 'Stampa',
    broadcast: 'Radio e TV',
    official: 'Fonte ufficiale',
    encyclopedia: 'Enciclopedia',
    market: 'Mercato',
    report: 'Rapporto',
    other: 'Altro',
  },
  statuses: {
    asserted: 'Affermato',
    disputed: 'Contestato',
    denied: 'Smentito',
    confirmed: 'Confermato',
    retracted: 'Ritrattato',
    unverified: 'Non verificato',
  },
  citationBack: (citation, source) =>
    `Torna alla citazione ${String(citation)} della fonte ${String(source)} nel testo`,
  noteBack: (note, reference) =>
    `Torna al richiamo ${String(reference)} della nota ${String(note)} nel testo`,
};

const byLanguage: Readonly<Record<string, Labels>> = { en, it };

function primarySubtag(lang: string): string {
  return lang.split('-')[0]?.toLowerCase() ?? '';
}

/** The labels for a page language: by its primary subtag, English when we have none. */
export function labelsFor(lang: string): Labels {
  return byLanguage[primarySubtag(lang)] ?? en;
}

/**
 * The attributes for interface words on a page in `lang`: none when we have words in that language,
 * else those of the language they fall back to: `lang="en" dir="ltr"`.
 */
export function labelAttributes(lang: string): LanguageAttributes {
  const labels = labelsFor(lang);
  return labels.lang === primarySubtag(lang) ? {} : languageAttributes(labels.lang, lang);
}
