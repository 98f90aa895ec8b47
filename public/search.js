// @ts-check
/* eslint-disable no-undef -- tsc checks this file (see above), and knows the browser's globals. */
/**
 * The search page's script (/search/ is the only page that runs JavaScript). It drives Pagefind's
 * own search API, `/pagefind/pagefind.js`, written into the built site by
 * src/integrations/pagefind.ts, over the form on the page. Everything it loads comes from the site
 * itself, so search works offline and involves no third party. It is plain JavaScript served as is
 * from public/, type-checked through these JSDoc annotations (`tsc` checks it like the TypeScript).
 *
 * Pagefind keeps one index per page language, each built with that language's stemming rules, and
 * on its own searches only the one matching the page's `<html lang>`. This script adds the index of
 * every other language, so one search covers the English, Italian and Arabic articles alike. (The
 * words searched for are processed as the page's language, English; a word in another language
 * still finds its other forms, as Pagefind falls back to the longest start of it that is indexed.)
 *
 * The form is a plain GET form: without JavaScript it reloads the page, which then explains that
 * search needs JavaScript; with it, the search lives in the address (`?q=…&kind=…&topic=…`), so it
 * can be bookmarked, shared and reloaded.
 */

/**
 * The part of a Pagefind result the page shows.
 * @typedef {object} ResultData
 * @property {string} url
 * @property {string} excerpt
 * @property {Readonly<Record<string, string | undefined>>} meta
 * @property {Readonly<Record<string, readonly string[] | undefined>>} filters
 */

/**
 * @typedef {object} SearchResponse
 * @property {readonly { id: string, data: () => Promise<ResultData> }[]} results
 */

/**
 * @typedef {{ filters?: Record<string, string> }} SearchOptions
 */

/**
 * The part of Pagefind's browser API the page uses.
 * @typedef {object} PagefindApi
 * @property {(options: Record<string, unknown>) => Promise<void>} options
 * @property {() => Promise<void>} init
 * @property {(path: string, options: { language: string, baseUrl: string }) => Promise<void>} mergeIndex
 * @property {(term: string | null, options?: SearchOptions) => Promise<SearchResponse | null>} search
 * @property {(term: string | null, options?: SearchOptions, timeout?: number) => Promise<SearchResponse | null>} debouncedSearch
 */

/**
 * The languages of `pagefind-entry.json`: one index each.
 * @typedef {Readonly<Record<string, { readonly page_count: number }>>} EntryLanguages
 */

/**
 * A search as the form and the address hold it.
 * @typedef {{ readonly term: string, readonly kind: string, readonly topic: string }} Query
 */

/** How many results are shown at most; the rest are counted. */
export const MAX_RESULTS = 50;

/**
 * @param {URLSearchParams} params
 * @returns {Query}
 */
export function readQuery(params) {
  return {
    term: (params.get('q') ?? '').trim(),
    kind: params.get('kind') ?? '',
    topic: params.get('topic') ?? '',
  };
}

/**
 * The query string of a search: only the fields filled in, in a fixed order.
 * @param {Query} query
 * @returns {string}
 */
export function queryString(query) {
  const params = new URLSearchParams();
  if (query.term !== '') params.set('q', query.term);
  if (query.kind !== '') params.set('kind', query.kind);
  if (query.topic !== '') params.set('topic', query.topic);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * Pagefind filters for a search: only the ones chosen.
 * @param {Query} query
 * @returns {Record<string, string>}
 */
export function filtersOf(query) {
  /** @type {Record<string, string>} */
  const filters = {};
  if (query.kind !== '') filters.kind = query.kind;
  if (query.topic !== '') filters.topic = query.topic;
  return filters;
}

/**
 * The index Pagefind opens by itself for a page in `pageLang`, chosen as Pagefind chooses it: the
 * exact language, else its primary subtag, else the index with the most pages.
 * @param {EntryLanguages} languages
 * @param {string} pageLang
 * @returns {string | undefined}
 */
export function primaryIndex(languages, pageLang) {
  const lang = pageLang.toLowerCase();
  if (lang in languages) return lang;
  const primary = lang.split('-')[0] ?? lang;
  if (primary in languages) return primary;
  return Object.entries(languages).sort(([, a], [, b]) => b.page_count - a.page_count)[0]?.[0];
}

/**
 * The indexes to add to the one Pagefind opens by itself, so that a search covers every language.
 * @param {EntryLanguages} languages
 * @param {string} pageLang
 * @returns {string[]}
 */
export function otherIndexes(languages, pageLang) {
  const primary = primaryIndex(languages, pageLang);
  return Object.keys(languages)
    .filter((lang) => lang !== primary)
    .sort();
}

/**
 * @param {string} text
 * @returns {string} Its letters and digits only.
 */
function letters(text) {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Whether a result matched the words searched for rather than a mere first letter or two of one.
 * When a word is not in an index, Pagefind searches for the longest start of it that is; with the
 * indexes of several languages merged, "injection" would find the Italian "in" and "earlier" the
 * Italian "e". A result is kept when a word its excerpt highlights is at least half as long as the
 * shortest word searched for, or when it highlights none (it matched elsewhere, such as the title).
 * @param {string} excerpt Pagefind's excerpt, with `<mark>` around the words it matched.
 * @param {string} term
 * @returns {boolean}
 */
export function matchesTerm(excerpt, term) {
  const words = term
    .split(/\s+/)
    .map(letters)
    .filter((word) => word !== '');
  if (words.length === 0) return true;
  const shortest = Math.min(...words.map((word) => [...word].length));
  const marked = Array.from(excerpt.matchAll(/<mark>(.*?)<\/mark>/gs), (match) =>
    letters(match[1] ?? ''),
  );
  return marked.length === 0 || marked.some((word) => [...word].length * 2 >= shortest);
}

/**
 * A result's address as a path of this site (`base` is the page's address); an address elsewhere
 * is never linked.
 * @param {string} url
 * @param {string} base
 * @returns {string | undefined}
 */
export function siteHref(url, base) {
  let parsed;
  try {
    parsed = new URL(url, base);
  } catch {
    return undefined;
  }
  if (parsed.origin !== new URL(base).origin) return undefined;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}

/**
 * Copies an excerpt into `target` keeping only its text and Pagefind's `<mark>` highlights. The
 * excerpt is parsed in an inert `<template>` (nothing in it loads or runs), and none of its elements
 * or attributes is ever inserted, so whatever an article contains stays text.
 * @param {HTMLElement} target
 * @param {string} excerpt
 */
export function appendExcerpt(target, excerpt) {
  const doc = target.ownerDocument;
  const template = doc.createElement('template');
  template.innerHTML = excerpt;
  /**
   * @param {Node} from
   * @param {Node} into
   */
  const walk = (from, into) => {
    for (const child of Array.from(from.childNodes)) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.appendChild(doc.createTextNode(child.textContent ?? ''));
      } else if (child.nodeName.toLowerCase() === 'mark') {
        const mark = doc.createElement('mark');
        mark.textContent = child.textContent;
        into.appendChild(mark);
      } else {
        walk(child, into);
      }
    }
  };
  walk(template.content, target);
}

/**
 * @typedef {object} Elements
 * @property {HTMLFormElement} form
 * @property {HTMLInputElement} term
 * @property {HTMLSelectElement} kind
 * @property {HTMLSelectElement} topic
 * @property {HTMLElement} status
 * @property {HTMLElement} results
 */

/**
 * @template {Element} T
 * @param {ParentNode} root
 * @param {string} selector
 * @param {new () => T} type
 * @returns {T}
 */
function find(root, selector, type) {
  const element = root.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`The search page has no ${selector}.`);
  return element;
}

/**
 * The label of a filter's value, as the form shows it.
 * @param {HTMLSelectElement} select
 * @param {string} value
 * @returns {string}
 */
function optionLabel(select, value) {
  return Array.from(select.options).find((option) => option.value === value)?.text ?? value;
}

/**
 * A result as a card like the article cards of the listings.
 * @param {Elements} elements
 * @param {ResultData} data
 * @param {string} pageLang
 * @returns {HTMLElement | null}
 */
function renderResult(elements, data, pageLang) {
  const href = siteHref(data.url, elements.results.ownerDocument.location.href);
  if (href === undefined) return null;
  const doc = elements.results.ownerDocument;
  const lang = data.meta.lang ?? pageLang;
  const foreign = lang.toLowerCase() !== pageLang.toLowerCase();

  const item = doc.createElement('li');
  const card = doc.createElement('article');
  card.className = 'card search-result';
  if (foreign) card.lang = lang;
  item.appendChild(card);

  // The interface words are in the page's language, the rest in the article's.
  const meta = doc.createElement('p');
  meta.className = 'card-meta';
  if (foreign) meta.lang = pageLang;
  const kind = data.filters.kind?.[0];
  if (kind !== undefined) {
    const label = doc.createElement('span');
    label.className = `kind kind-${kind}`;
    label.textContent = optionLabel(elements.kind, kind);
    meta.appendChild(label);
  }
  // Formatted when the site was built, as the site shows dates in English.
  const { date, published } = data.meta;
  if (date !== undefined) {
    const time = doc.createElement('time');
    time.dateTime = date;
    time.textContent = published ?? date;
    meta.appendChild(time);
  }
  if (foreign) {
    const language = doc.createElement('span');
    language.className = 'card-lang';
    language.textContent =
      new Intl.DisplayNames([pageLang], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
    meta.appendChild(language);
  }
  card.appendChild(meta);

  const title = doc.createElement('h2');
  title.className = 'card-title';
  if (foreign) title.dir = 'auto';
  const link = doc.createElement('a');
  link.href = href;
  link.textContent = data.meta.title ?? href;
  title.appendChild(link);
  card.appendChild(title);

  const excerpt = doc.createElement('p');
  excerpt.className = 'card-dek search-excerpt';
  if (foreign) excerpt.dir = 'auto';
  appendExcerpt(excerpt, data.excerpt);
  card.appendChild(excerpt);
  return item;
}

/**
 * What the status line says after a search.
 * @param {number} count
 * @param {Query} query
 * @param {Elements} elements
 * @returns {string}
 */
function describe(count, query, elements) {
  const parts = [];
  if (query.term !== '') parts.push(`for “${query.term}”`);
  if (query.kind !== '') parts.push(`of type ${optionLabel(elements.kind, query.kind)}`);
  if (query.topic !== '') parts.push(`on ${optionLabel(elements.topic, query.topic)}`);
  const found = count === 0 ? 'No articles' : count === 1 ? '1 article' : `${count} articles`;
  const shown = count > MAX_RESULTS ? ` (the first ${MAX_RESULTS} are shown)` : '';
  return `${found} ${parts.join(', ')}${shown}.`;
}

/**
 * Wires the search form of the page to Pagefind.
 * @param {Document} doc
 * @returns {Promise<void>}
 */
export async function startSearch(doc) {
  const root = find(doc, '[data-search]', HTMLElement);
  /** @type {Elements} */
  const elements = {
    form: find(root, 'form', HTMLFormElement),
    term: find(root, 'input[name="q"]', HTMLInputElement),
    kind: find(root, 'select[name="kind"]', HTMLSelectElement),
    topic: find(root, 'select[name="topic"]', HTMLSelectElement),
    status: find(root, '[data-search-status]', HTMLElement),
    results: find(root, '[data-search-results]', HTMLElement),
  };
  const bundle = root.dataset.bundle ?? '/pagefind/';
  const pageLang = doc.documentElement.lang || 'en';

  /** @type {PagefindApi} */
  let pagefind;
  try {
    elements.status.textContent = 'Loading search…';
    const response = await fetch(`${bundle}pagefind-entry.json`);
    const entry = /** @type {{ languages: EntryLanguages }} */ (await response.json());
    if (Object.keys(entry.languages).length === 0) {
      elements.status.textContent = 'There are no articles to search yet.';
      return;
    }
    pagefind = /** @type {PagefindApi} */ (await import(`${bundle}pagefind.js`));
    await pagefind.options({ excerptLength: 30 });
    await pagefind.init();
    // The same bundle once more per other language, each opening that language's index. Pagefind
    // skips a merge of a path that starts its own (site-relative) base path, taking it for a
    // second copy of its own index, so the bundle's absolute address is given; results still link
    // to paths of this site.
    const address = new URL(bundle, doc.location.href).href;
    for (const language of otherIndexes(entry.languages, pageLang)) {
      await pagefind.mergeIndex(address, { language, baseUrl: '/' });
    }
    // A large site's index comes in shards (see src/integrations/pagefind.ts): each one's
    // languages are merged too.
    const { shards } = /** @type {{ shards: string[] }} */ (
      await (await fetch(`${bundle}shards.json`)).json()
    );
    const shardAddresses = shards.map((shard) => new URL(shard, address).href);
    // Their entry files all at once; the merges in order, so results rank the same every time.
    const shardEntries = await Promise.all(
      shardAddresses.map(
        async (shardAddress) =>
          /** @type {{ languages: EntryLanguages }} */ (
            await (await fetch(`${shardAddress}pagefind-entry.json`)).json()
          ),
      ),
    );
    for (const [n, shardAddress] of shardAddresses.entries()) {
      for (const language of Object.keys(shardEntries[n]?.languages ?? {}).sort()) {
        await pagefind.mergeIndex(shardAddress, { language, baseUrl: '/' });
      }
    }
  } catch (error) {
    console.error(error);
    elements.status.textContent =
      'Search could not be loaded. Browse the articles by topic or on the timeline instead.';
    return;
  }

  let latest = 0;
  /** @param {boolean} debounce */
  const run = async (debounce) => {
    /** @type {Query} */
    const query = {
      term: elements.term.value.trim(),
      kind: elements.kind.value,
      topic: elements.topic.value,
    };
    doc.defaultView?.history.replaceState(
      null,
      '',
      `${doc.location.pathname}${queryString(query)}`,
    );
    const searchId = ++latest;
    if (query.term === '' && query.kind === '' && query.topic === '') {
      elements.results.replaceChildren();
      elements.status.textContent = '';
      return;
    }
    const term = query.term === '' ? null : query.term;
    const options = { filters: filtersOf(query) };
    const response = debounce
      ? await pagefind.debouncedSearch(term, options, 250)
      : await pagefind.search(term, options);
    // A newer search started meanwhile (a debounced search answers null when overtaken).
    if (response === null || searchId !== latest) return;
    const loaded = await Promise.all(
      response.results.slice(0, MAX_RESULTS).map((result) => result.data()),
    );
    if (searchId !== latest) return;
    const data = loaded.filter((result) => term === null || matchesTerm(result.excerpt, term));
    const items = data
      .map((result) => renderResult(elements, result, pageLang))
      .filter((item) => item !== null);
    elements.results.replaceChildren(...items);
    const count = response.results.length - (loaded.length - data.length);
    elements.status.textContent = describe(count, query, elements);
  };
  /** @param {unknown} error */
  const report = (error) => {
    console.error(error);
    elements.status.textContent = 'The search failed. Please try again.';
  };

  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    run(false).catch(report);
  });
  elements.term.addEventListener('input', () => {
    run(true).catch(report);
  });
  for (const select of [elements.kind, elements.topic]) {
    select.addEventListener('change', () => {
      run(false).catch(report);
    });
  }

  // A search already in the address: a bookmark, a reload, or the form sent before this loaded.
  const initial = readQuery(new URLSearchParams(doc.location.search));
  if (initial.term !== '') elements.term.value = initial.term;
  for (const [select, value] of /** @type {const} */ ([
    [elements.kind, initial.kind],
    [elements.topic, initial.topic],
  ])) {
    if (Array.from(select.options).some((option) => option.value === value)) select.value = value;
  }
  elements.status.textContent = '';
  await run(false);
}

if (typeof document !== 'undefined' && document.querySelector('[data-search]')) {
  void startSearch(document);
}
