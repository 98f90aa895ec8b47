/** Prints diagnostics in the compiler form, as JSON, or as GitHub Actions annotations. */
import type { Diagnostic } from '../article/diagnostics.ts';
import type { CheckResult } from '../checker/run.ts';
import type { Format } from './args.ts';

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}  ${d.severity}  ${d.message}  (${d.rule})`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

type Summary = Pick<CheckResult, 'files' | 'errors' | 'warnings' | 'diagnostics'>;

export function summary(result: Summary): string {
  return `${plural(result.files, 'file')} checked: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}.`;
}

// GitHub's workflow-command escaping: https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

function githubAnnotation(d: Diagnostic): string {
  const properties = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}`;
  return `::${d.severity} ${properties}::${escapeData(d.message)}`;
}

export function render(result: Summary, format: Format): string {
  if (format === 'json') {
    const { files, errors, warnings, diagnostics } = result;
    return JSON.stringify({ files, errors, warnings, diagnostics }, null, 2);
  }
  const line = format === 'github' ? githubAnnotation : formatDiagnostic;
  return [...result.diagnostics.map(line), summary(result)].join('\n');
}
