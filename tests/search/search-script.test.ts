/**
 * The pure parts of the search page's script (public/search.js): the address of a search, its
 * filters, which Pagefind indexes it adds, and which result addresses it links.
 */
import { describe, expect, it } from 'vitest';
import {
  filtersOf,
  matchesTerm,
  otherIndexes,
  primaryIndex,
  queryString,
  readQuery,
  siteHref,
} from '../../public/search.js';

const LANGUAGES = { en: { page_count: 3 }, it: { page_count: 1 }, ar: { page_count: 1 } };

describe('the search page script', () => {
  it('reads a search from the address, trimming the words', () => {
    expect(readQuery(new URLSearchParams('q=%20yearbook%20&kind=news'))).toEqual({
      term: 'yearbook',
      kind: 'news',
      topic: '',
    });
    expect(readQuery(new URLSearchParams(''))).toEqual({ term: '', kind: '', topic: '' });
  });

  it('writes only the fields filled in to the address, so an empty search is the bare page', () => {
    expect(queryString({ term: 'a b', kind: '', topic: 'nato' })).toBe('?q=a+b&topic=nato');
    expect(queryString({ term: '', kind: '', topic: '' })).toBe('');
  });

  it('filters only by what was chosen', () => {
    expect(filtersOf({ term: 'x', kind: 'brief', topic: '' })).toEqual({ kind: 'brief' });
    expect(filtersOf({ term: 'x', kind: '', topic: '' })).toEqual({});
  });

  it('adds every other language to the index Pagefind opens for the page', () => {
    expect(primaryIndex(LANGUAGES, 'en')).toBe('en');
    expect(otherIndexes(LANGUAGES, 'en')).toEqual(['ar', 'it']);
    // As Pagefind does: the primary subtag, then the largest index.
    expect(primaryIndex(LANGUAGES, 'en-GB')).toBe('en');
    expect(primaryIndex({ it: { page_count: 2 }, ar: { page_count: 5 } }, 'en')).toBe('ar');
    expect(otherIndexes({ it: { page_count: 2 }, ar: { page_count: 5 } }, 'en')).toEqual(['it']);
    expect(otherIndexes({}, 'en')).toEqual([]);
  });

  it('drops a result that matched only the first letters of a word, as Pagefind falls back to', () => {
    // "injection" is not in the Italian index; Pagefind falls back to its longest start that is.
    expect(matchesTerm('Un articolo di prova <mark>in</mark> italiano', 'injection')).toBe(false);
    expect(matchesTerm('Washington <mark>e</mark> l’incontro <mark>è</mark>', 'earlier')).toBe(
      false,
    );
    // Stems, inflections and words being typed are matches.
    expect(matchesTerm('ha <mark>raccontato</mark> la visita', 'raccontare')).toBe(true);
    expect(matchesTerm('the <mark>governments</mark> disagree', 'government')).toBe(true);
    expect(matchesTerm('its <mark>yearbook</mark> set', 'yea')).toBe(true);
    expect(matchesTerm('يواجه <mark>حلف</mark> صعبا', 'الحلف')).toBe(true);
    // Against the shortest word of several; nothing highlighted (a title match) is kept.
    expect(matchesTerm('<mark>in</mark> the summit', 'be in')).toBe(true);
    expect(matchesTerm('A plain excerpt', 'summit')).toBe(true);
    expect(matchesTerm('<mark>summit</mark>', '  ')).toBe(true);
  });

  it('links results only to pages of the site itself', () => {
    const base = 'https://dossier.example.org/search/?q=x';
    expect(siteHref('/articles/a/', base)).toBe('/articles/a/');
    expect(siteHref('https://dossier.example.org/articles/a/#x', base)).toBe('/articles/a/#x');
    expect(siteHref('https://elsewhere.example.com/a/', base)).toBeUndefined();
    expect(siteHref('//elsewhere.example.com/a/', base)).toBeUndefined();
    expect(siteHref('javascript:alert(1)', base)).toBeUndefined();
  });
});
