import type { RuleId } from './rules.ts';

export type Severity = 'error' | 'warning';

/** One problem found in one file, at a place an editor can jump to. */
export interface Diagnostic {
  /** Path as given to the checker (relative to the working directory when possible). */
  readonly file: string;
  /** 1-based line in the file as saved on disk. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units as editors do. */
  readonly column: number;
  readonly severity: Severity;
  readonly rule: RuleId;
  readonly message: string;
}

/** A problem whose place is an offset into the file's text, before it is turned into line and column. */
export interface Finding {
  readonly offset: number;
  readonly rule: RuleId;
  readonly message: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}
