/**
 * The Content Security Policy of every page. Astro writes it into each page as a `<meta>` with the
 * hashes of the scripts and styles it emits (`security.csp` in astro.config.mjs), and
 * public/_headers sends the same policy as an HTTP header, with `frame-ancestors`, which a
 * `<meta>` cannot carry.
 *
 * Nothing runs but the site's own files: no inline script (JSON-LD blocks are data, listed by
 * hash all the same), no inline event handler, no `javascript:` URL, no plugin, no frame; a page
 * connects, fetches and starts workers only on its own origin. Stylesheets are files of the site
 * too (astro.config.mjs never inlines them), so the header needs no hashes. Only the search page
 * may compile WebAssembly (`'wasm-unsafe-eval'`), which Pagefind runs on.
 */
import { createHash } from 'node:crypto';

/** Directives beyond `script-src` and `style-src`, which Astro writes with its hashes. */
export const CSP_DIRECTIVES = [
  "default-src 'none'",
  "connect-src 'self'",
  "img-src 'self' https:",
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
] as const;

/** Where scripts and stylesheets may come from, besides the hashes Astro adds. */
export const CSP_SCRIPT_SOURCES = ["'self'"] as const;
export const CSP_STYLE_SOURCES = ["'self'"] as const;

/** What the search page adds: Pagefind compiles its WebAssembly in the browser. */
export const CSP_SEARCH_SCRIPT_SOURCE = "'wasm-unsafe-eval'";

/** The CSP source of an inline script's text, as browsers compute it: `sha256-<base64>`. */
export function scriptHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
