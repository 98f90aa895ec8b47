/**
 * The scanner the hostile tests trust to find live content in a built site
 * (tests/support/live-content.ts) finds every kind it looks for, and nothing in a clean page: were
 * it blind, the hostile corpus's build would pass whatever the site let through.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isDangerousUrl, scanHtml, scanSite } from '../support/live-content.ts';

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`;

describe('the live-content scanner', () => {
  it('finds nothing in a page with JSON-LD, links and images of the web', () => {
    const html = page(
      '<a href="https://example.com/a">a</a><img src="/x.png" alt=""><script type="application/ld+json">{"a":1}</script>',
    );
    expect(scanHtml('clean.html', html, new Set())).toEqual([]);
  });

  it.each([
    ['an inline script', '<script>alert(1)</script>'],
    ['a script file of another site', '<script src="https://evil.example/x.js"></script>'],
    ['a module script', '<script type="module">alert(1)</script>'],
    ['JSON-LD that closes its script', '<script type="application/ld+json">{"a":"<!--"}</script>'],
    ['JSON-LD that is not JSON', '<script type="application/ld+json">alert(1)</script>'],
    ['an event handler', '<img src="/x.png" onerror="alert(1)">'],
    ['an upper-case event handler', '<p ONCLICK="alert(1)">x</p>'],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>'],
    [
      'a javascript: link hidden by case and control characters',
      '<a href="  Java\tScRiPt:alert(1)">x</a>',
    ],
    ['a data: image', '<img src="data:image/svg+xml,<svg onload=alert(1)>">'],
    ['a file: link', '<a href="file:///etc/passwd">x</a>'],
    ['a vbscript: form action', '<form action="vbscript:x"></form>'],
    [
      'a javascript: candidate in a srcset',
      '<img src="/a.png" srcset="/b.png 2x, javascript:alert(1) 3x">',
    ],
    ['an iframe', '<iframe src="https://example.com/"></iframe>'],
    ['an object', '<object data="/x"></object>'],
    ['an inline SVG', '<svg><circle r="1"/></svg>'],
    ['a style element', '<style>body{}</style>'],
    ['a style attribute', '<p style="color:red">x</p>'],
    ['a meta refresh', '<meta http-equiv="Refresh" content="0;url=https://evil.example/">'],
    ['a base element', '<base href="https://evil.example/">'],
  ])('finds %s', (_name, body) => {
    expect(scanHtml('bad.html', page(body), new Set())).not.toEqual([]);
  });

  it('lets the search page load its own script file, and nothing else', () => {
    const html = page('<script type="module" src="/search.js"></script>');
    expect(scanHtml('search/index.html', html, new Set(['/search.js']))).toEqual([]);
    expect(scanHtml('other.html', html, new Set())).not.toEqual([]);
  });

  it('reads a URL as a browser does, dropping white space and control characters', () => {
    expect(isDangerousUrl('\u0000 j\na\rv\ta script:alert(1)')).toBe(true);
    expect(isDangerousUrl('https://example.com/javascript:')).toBe(false);
    expect(isDangerousUrl('/data:x')).toBe(false);
  });

  it('scans a whole site: pages, the HTML inside the feed, Pagefind records and stray scripts', async () => {
    const dist = await mkdtemp(path.join(os.tmpdir(), 'dossier-scan-'));
    try {
      const files: Record<string, string | Buffer> = {
        'index.html': page('<p>clean</p>'),
        'articles/a/index.html': page('<a href="javascript:alert(1)">x</a>'),
        'rss.xml':
          '<?xml version="1.0"?><rss><channel><item><link>https://example.com/a</link><description>A &lt;script&gt;alert(1)&lt;/script&gt;</description></item></channel></rss>',
        'pagefind/fragment/en_1.pf_fragment': gzipSync(
          `pagefind_dcd${JSON.stringify({ url: 'javascript:alert(1)', meta: {} })}`,
        ),
        '_astro/injected.js': 'alert(1)',
        'pagefind/pagefind.js': '// Pagefind',
      };
      for (const [file, content] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dist, file)), { recursive: true });
        await writeFile(path.join(dist, file), content);
      }
      const found = await scanSite(dist);
      expect([...new Set(found.map((finding) => finding.file.split(' ')[0]))].sort()).toEqual([
        '_astro/injected.js',
        'articles/a/index.html',
        'pagefind/fragment/en_1.pf_fragment',
        'rss.xml',
      ]);
    } finally {
      await rm(dist, { recursive: true, force: true });
    }
  });
});
