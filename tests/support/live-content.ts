/**
 * Scans a whole built site, as a browser would parse it, for anything that could run or load
 * something it should not: a script other than the site's JSON-LD and its search page's own script
 * files, an event-handler attribute, a `javascript:`, `vbscript:`, `data:` or `file:` URL, or an
 * element that embeds or redirects (`iframe`, `object`, `embed`, `base`, `meta refresh`…). HTML
 * pages are parsed with cheerio (parse5, the HTML standard's algorithm); the feed's and sitemaps'
 * XML too, with the HTML inside the feed parsed as HTML; and the search bundle's page records are
 * read as Pagefind stores them. Every finding names its file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { listFiles } from '../site/build-fixture.ts';

export interface Finding {
  readonly file: string;
  readonly what: string;
}

/** The only page that runs scripts, and the only scripts it may load. */
const SCRIPT_PAGE = 'search/index.html';
const SITE_SCRIPTS = new Set(['/search.js']);
/** Script files the site may serve: its search script and Pagefind's, in every shard. */
const SCRIPT_FILE = /^(?:search\.js|pagefind\/(?:shards\/\d+\/)?pagefind(?:-worker)?\.js)$/;

/** Elements that embed, frame, redirect or restyle: none may appear in any page. */
const FORBIDDEN_ELEMENTS = [
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'style',
  'svg',
  'math',
  'portal',
  'meta[http-equiv="refresh" i]',
  'link[rel~="import" i]',
];

/** Attributes that hold a URL the browser may follow or load. */
const URL_ATTRIBUTES = [
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'poster',
  'cite',
  'background',
  'ping',
  'manifest',
  'codebase',
  'longdesc',
  'usemap',
  'icon',
  'xlink:href',
];

/** The schemes that run code or reach outside the web when followed. */
const DANGEROUS_SCHEME = /^(?:javascript|vbscript|data|file|blob|filesystem):/;

/**
 * A URL as a browser reads it: tabs, new lines and other control characters and spaces dropped
 * (`java\tscript:` is `javascript:`), letters in lower case.
 */
export function isDangerousUrl(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what browsers drop
  const url = value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  return DANGEROUS_SCHEME.test(url);
}

/** An element as cheerio gives it: its name and attributes are all a finding needs. */
interface Tag {
  readonly tagName: string;
  readonly attribs: Readonly<Record<string, string>>;
}

function isTag<T extends object>(node: T): node is T & Tag {
  return 'tagName' in node && 'attribs' in node;
}

function describe(element: Tag): string {
  const attributes = Object.entries(element.attribs)
    .map(([name, value]) => `${name}="${value}"`)
    .join(' ');
  return `<${element.tagName}${attributes === '' ? '' : ` ${attributes}`}>`.slice(0, 200);
}

/** Findings in an HTML document (or fragment); `scripts` are the script files it may load. */
export function scanHtml(file: string, html: string, scripts: ReadonlySet<string>): Finding[] {
  const $ = cheerio.load(html);
  const findings: Finding[] = [];
  const found = (what: string) => findings.push({ file, what });

  for (const element of $('script').toArray()) {
    const type = ($(element).attr('type') ?? '').trim().toLowerCase();
    const src = $(element).attr('src');
    if (type === 'application/ld+json' && src === undefined) {
      const text = $(element).text();
      if (/<\/script|<!--/i.test(text))
        found(`JSON-LD that could close its <script>: ${text.slice(0, 80)}`);
      try {
        JSON.parse(text);
      } catch {
        found(`JSON-LD that is not JSON: ${text.slice(0, 80)}`);
      }
    } else if (src === undefined || !scripts.has(src)) {
      found(`a script: ${describe(element)} ${$(element).text().slice(0, 80)}`);
    }
  }
  for (const element of $(FORBIDDEN_ELEMENTS.join(', ')).toArray().filter(isTag))
    found(`a forbidden element: ${describe(element)}`);
  for (const element of $('form').toArray()) {
    if ($(element).attr('action') !== '/search/') found(`a form: ${describe(element)}`);
  }
  for (const element of $('*').toArray().filter(isTag)) {
    for (const [name, value] of Object.entries(element.attribs)) {
      if (/^on/i.test(name)) found(`an event handler: ${describe(element)}`);
      if (name.toLowerCase() === 'style') found(`a style attribute: ${describe(element)}`);
      if (URL_ATTRIBUTES.includes(name.toLowerCase()) && isDangerousUrl(value))
        found(`a dangerous URL: ${describe(element)}`);
      if (name.toLowerCase() === 'srcset') {
        for (const candidate of value.split(','))
          if (isDangerousUrl(candidate.trim())) found(`a dangerous URL: ${describe(element)}`);
      }
    }
  }
  return findings;
}

/** Findings in an XML file (feed, sitemap): its links, and the HTML its entries carry. */
function scanXml(file: string, xml: string): Finding[] {
  const $ = cheerio.load(xml, { xml: true });
  const findings: Finding[] = [];
  for (const node of $('*').toArray().filter(isTag)) {
    const text = $(node).children().length === 0 ? $(node).text() : '';
    if (['link', 'guid', 'loc', 'url'].includes(node.tagName) && isDangerousUrl(text))
      findings.push({ file, what: `a dangerous URL in <${node.tagName}>: ${text}` });
    for (const value of Object.values(node.attribs))
      if (isDangerousUrl(value))
        findings.push({ file, what: `a dangerous URL: ${describe(node)}` });
    // The HTML of a feed entry, which feed readers show as a page.
    if (['description', 'content:encoded'].includes(node.tagName) && text.includes('<'))
      findings.push(...scanHtml(`${file} <${node.tagName}>`, text, new Set()));
  }
  return findings;
}

/** Findings in one of Pagefind's page records: its address and metadata are shown as links. */
function scanFragment(file: string, bytes: Buffer): Finding[] {
  const text = gunzipSync(bytes)
    .toString('utf8')
    .replace(/^pagefind_dcd/, '');
  const record = JSON.parse(text) as { url: string; meta: Record<string, string> };
  const findings: Finding[] = [];
  if (!record.url.startsWith('/') || record.url.startsWith('//') || isDangerousUrl(record.url))
    findings.push({ file, what: `a page record leading elsewhere: ${record.url}` });
  for (const [key, value] of Object.entries(record.meta))
    if (isDangerousUrl(value))
      findings.push({ file, what: `a dangerous URL in meta ${key}: ${value}` });
  return findings;
}

/** Everything in the built site at `dist` that could run or load what it should not. */
export async function scanSite(dist: string): Promise<Finding[]> {
  const files = await listFiles(dist);
  const findings: Finding[] = [];
  for (const file of files) {
    const full = path.join(dist, file);
    const extension = path.extname(file).toLowerCase();
    if (extension === '.html') {
      const scripts = file === SCRIPT_PAGE ? SITE_SCRIPTS : new Set<string>();
      findings.push(...scanHtml(file, await readFile(full, 'utf8'), scripts));
    } else if (extension === '.xml') {
      findings.push(...scanXml(file, await readFile(full, 'utf8')));
    } else if (extension === '.pf_fragment') {
      findings.push(...scanFragment(file, await readFile(full)));
    } else if (['.js', '.mjs'].includes(extension) && !SCRIPT_FILE.test(file)) {
      findings.push({ file, what: 'a script file that is not the search page’s' });
    } else if (['.svg', '.xhtml', '.htm', '.xsl', '.swf'].includes(extension)) {
      findings.push({ file, what: 'a document that could carry its own scripts' });
    }
  }
  return findings;
}
