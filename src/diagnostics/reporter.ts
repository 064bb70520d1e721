import type { Diagnostic } from '../types.js';
import { plain, type Paint } from '../format/paint.js';

export interface ReportOptions {
  /** Hide warnings and infos; errors are always shown. */
  quiet?: boolean;
  /** Show infos too (hidden by default: they are notes, not findings). */
  verbose?: boolean;
  /** Colour; the CLI passes a chalk-backed Paint when the stream is a terminal. */
  paint?: Paint;
}

/** The diagnostics a report shows, in input order. */
export function visibleDiagnostics(diagnostics: readonly Diagnostic[], options: ReportOptions = {}): Diagnostic[] {
  return diagnostics.filter((d) => {
    if (d.severity === 'error') return true;
    if (options.quiet) return false;
    return d.severity === 'warning' || Boolean(options.verbose);
  });
}

/** Warnings and errors: what `--strict` fails on. */
export function countFindings(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.reduce((n, d) => n + (d.severity === 'info' ? 0 : 1), 0);
}

/**
 * Compiler-style lines, one per diagnostic: `file:line:column severity code message`.
 * Pure: returns the text (empty when there is nothing to show), prints nothing.
 * Position 0 means the place is unknown; the location is then the file alone.
 */
export function reportDiagnostics(file: string, diagnostics: readonly Diagnostic[], options: ReportOptions = {}): string {
  const paint = options.paint ?? plain;
  let out = '';
  for (const d of visibleDiagnostics(diagnostics, options)) {
    const place = d.line > 0 ? `${file}:${d.line}:${Math.max(d.column, 1)}` : file;
    out += `${paint.title(place)} ${severityPaint(paint, d.severity)(d.severity)} ${paint.dim(d.code)} ${oneLine(d.message)}\n`;
  }
  return out;
}

/** The same diagnostics for tools: one JSON object a line, with the file name added. */
export function reportDiagnosticsJson(file: string, diagnostics: readonly Diagnostic[], options: ReportOptions = {}): string {
  let out = '';
  for (const d of visibleDiagnostics(diagnostics, options)) out += JSON.stringify({ file, ...d }) + '\n';
  return out;
}

function severityPaint(paint: Paint, severity: Diagnostic['severity']): (text: string) => string {
  return severity === 'error' ? paint.error : severity === 'warning' ? paint.warning : paint.info;
}

// A message must not break the one-line-per-diagnostic contract that grep and CI rely on.
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
