// The CLI's output layer: picks the formatter and the diagnostics reporter the
// flags ask for, loading only those modules (start-up time), and decides colour.
// Colour lives here and only here: the formatters take a Paint, chalk fills it in.
import type { Diagnostic, PolicyDocument } from '../types.js';
import type { Paint } from '../format/paint.js';
import { EXIT, type CliIO } from './io.js';

export const OUTPUT_FORMATS = ['json', 'jsonl', 'tree', 'markdown', 'text'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const DIAGNOSTIC_FORMATS = ['text', 'json'] as const;
export const COLOR_CHOICES = ['auto', 'always', 'never'] as const;

export interface OutputFlags {
  format?: string;
  pretty?: boolean;
  compact?: boolean;
  quiet?: boolean;
  strict?: boolean;
  diagnostics?: string;
  /** auto (the default): colour on a terminal; always; never. */
  color?: string;
}

export interface Output {
  /**
   * The document in the chosen format, in pieces to write one after the other
   * (JSON and JSON Lines an article at a time: a long document's JSON is never
   * made whole); none, or empty ones, when there is nothing to print.
   */
  render(doc: PolicyDocument): Iterable<string>;
  /** The diagnostics to print on stderr for one input ('' for none). */
  report(file: string, diagnostics: readonly Diagnostic[]): string;
  /** EXIT.INVALID under --strict when there is a warning or an error, else EXIT.OK. */
  exitCodeFor(diagnostics: readonly Diagnostic[]): number;
  /**
   * How the chosen format can be written an article at a time (JSON, JSON Lines),
   * for a long input parsed page by page; undefined for the formats for people.
   */
  streaming?: { format: 'json' | 'jsonl'; pretty: boolean };
}

export async function createOutput(flags: OutputFlags, io: CliIO): Promise<Output> {
  const [renderOne, report] = await Promise.all([loadRenderer(flags, io), loadReporter(flags, io)]);
  const { countFindings } = await import('../diagnostics/reporter.js');
  // Several inputs in a format for people: a blank line between documents, so
  // Markdown blocks and text paragraphs of two inputs never run together.
  const separated = flags.format === 'tree' || flags.format === 'markdown' || flags.format === 'text';
  let rendered = 0;
  const render = (doc: PolicyDocument): Iterable<string> => {
    const text = renderOne(doc);
    if (typeof text !== 'string') return text;
    return [separated && text && rendered++ > 0 ? '\n' + text : text];
  };
  const exitCodeFor = (diagnostics: readonly Diagnostic[]) =>
    flags.strict && countFindings(diagnostics) > 0 ? EXIT.INVALID : EXIT.OK;
  const format = flags.format ?? 'json';
  return {
    render,
    report,
    exitCodeFor,
    streaming: format === 'json' || format === 'jsonl' ? { format, pretty: format === 'json' && jsonPretty(flags, io) } : undefined,
  };
}

/** The formatter: the formats for people give one text, JSON and JSON Lines pieces. */
async function loadRenderer(flags: OutputFlags, io: CliIO): Promise<(doc: PolicyDocument) => string | Iterable<string>> {
  const format = (flags.format ?? 'json') as OutputFormat;
  switch (format) {
    case 'json': {
      const { formatJsonPieces } = await import('../format/json.js');
      const pretty = jsonPretty(flags, io);
      return (doc) => formatJsonPieces(doc, { pretty });
    }
    case 'jsonl': {
      const { formatJsonlPieces } = await import('../format/json.js');
      return formatJsonlPieces;
    }
    case 'tree': {
      const [{ formatTree }, paint] = await Promise.all([import('../format/tree.js'), paintFor(io.stdout, io.env, flags.color)]);
      return (doc) => formatTree(doc, { paint });
    }
    case 'markdown': {
      const { formatMarkdown } = await import('../format/markdown.js');
      return formatMarkdown;
    }
    case 'text': {
      const { formatText } = await import('../format/text.js');
      return formatText;
    }
    default:
      throw new Error(`unknown output format '${String(format)}' (choose ${OUTPUT_FORMATS.join(', ')})`);
  }
}

/** Pretty for a person at a terminal, compact for a pipe, unless told. */
function jsonPretty(flags: OutputFlags, io: CliIO): boolean {
  return flags.pretty ? true : flags.compact ? false : Boolean(io.stdout.isTTY);
}

async function loadReporter(flags: OutputFlags, io: CliIO): Promise<(file: string, d: readonly Diagnostic[]) => string> {
  const reporter = await import('../diagnostics/reporter.js');
  if (flags.diagnostics === 'json') return (file, d) => reporter.reportDiagnosticsJson(file, d, { quiet: flags.quiet });
  const paint = await paintFor(io.stderr, io.env, flags.color);
  return (file, d) => reporter.reportDiagnostics(file, d, { quiet: flags.quiet, paint });
}

/**
 * Colour depth for a stream, as chalk counts it (0 none … 3 truecolor). NO_COLOR
 * (any non-empty value, no-color.org) turns colour off; FORCE_COLOR turns it on
 * for pipes too; otherwise colour only on a terminal that is not dumb.
 */
export function colorLevel(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '2' || force === '3') return Number(force) as 2 | 3;
    return 1;
  }
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return /256/.test(env.TERM ?? '') ? 2 : 1;
}

// One import shared by stdout's and stderr's paint: two concurrent imports of the
// same module trip jest's ESM loader ("Cannot access 'Chalk' before initialization").
let chalkModule: Promise<typeof import('chalk')> | undefined;
const loadChalk = () => (chalkModule ??= import('chalk'));

/** undefined (plain) without colour; chalk is loaded only when colour is on. */
async function paintFor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>, when = 'auto'): Promise<Paint | undefined> {
  const level = when === 'never' ? 0 : when === 'always' ? colorLevel({ isTTY: true }, { ...env, NO_COLOR: undefined }) || 1 : colorLevel(stream, env);
  if (level === 0) return undefined;
  const { Chalk } = await loadChalk();
  const c = new Chalk({ level });
  return {
    title: (s) => c.bold(s),
    marker: (s) => c.cyan(s),
    heading: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    error: (s) => c.red.bold(s),
    warning: (s) => c.yellow(s),
    info: (s) => c.blue(s),
  };
}
