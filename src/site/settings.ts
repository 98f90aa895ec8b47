/** The publication's name, shown in the header, feeds and structured data. */
export const SITE_NAME = 'Dossier';
export const SITE_DESCRIPTION = 'Sourced news explainers: every claim traced to its source.';
/** Listings show this many articles a page, so the home page stays small at any archive size. */
export const ARTICLES_PER_PAGE = 50;
/** A timeline page holds at most this many events before it is split by year, then by month. */
export const TIMELINE_ENTRIES_PER_PAGE = 400;
/** The sources index lists at most this many sources a page; beyond, it splits by publisher. */
export const SOURCES_PER_PAGE = 800;
