import { countFindings, reportDiagnostics, reportDiagnosticsJson, visibleDiagnostics } from '../../src/diagnostics/reporter.js';
import type { Diagnostic } from '../../src/types.js';
import type { Paint } from '../../src/format/paint.js';

const warning: Diagnostic = { severity: 'warning', code: 'numbering-gap', message: '（二） is missing', line: 12, column: 3, offset: 140 };
const error: Diagnostic = { severity: 'error', code: 'undecodable', message: '3 bytes\nnot decodable', line: 1, column: 1 };
const info: Diagnostic = { severity: 'info', code: 'encoding-guess', message: 'gb18030 by sniffing', line: 0, column: 0 };
const all = [warning, error, info];

describe('reportDiagnostics', () => {
  it('prints file:line:column severity code message, one line each, infos hidden', () => {
    expect(reportDiagnostics('page.txt', all)).toBe(
      'page.txt:12:3 warning numbering-gap （二） is missing\npage.txt:1:1 error undecodable 3 bytes not decodable\n',
    );
  });

  it('shows infos when verbose, with the file alone when the place is unknown', () => {
    expect(reportDiagnostics('page.txt', [info], { verbose: true })).toBe('page.txt info encoding-guess gb18030 by sniffing\n');
  });

  it('hides warnings when quiet, never errors', () => {
    expect(reportDiagnostics('p', all, { quiet: true })).toBe('p:1:1 error undecodable 3 bytes not decodable\n');
    expect(visibleDiagnostics([warning, info], { quiet: true })).toEqual([]);
  });

  it('returns an empty string when there is nothing to say', () => {
    expect(reportDiagnostics('p', [])).toBe('');
  });

  it('colours through the paint it is given, and only then', () => {
    const paint: Paint = {
      title: (s) => `[${s}]`,
      marker: (s) => s,
      heading: (s) => s,
      dim: (s) => `(${s})`,
      error: (s) => `E:${s}`,
      warning: (s) => `W:${s}`,
      info: (s) => `I:${s}`,
    };
    expect(reportDiagnostics('p', [warning], { paint })).toBe('[p:12:3] W:warning (numbering-gap) （二） is missing\n');
  });
});

describe('reportDiagnosticsJson', () => {
  it('writes one JSON object a line with the file name', () => {
    const lines = reportDiagnosticsJson('p.txt', all).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { file: 'p.txt', ...warning },
      { file: 'p.txt', ...error },
    ]);
  });
});

describe('countFindings', () => {
  it('counts warnings and errors, not infos', () => {
    expect(countFindings(all)).toBe(2);
    expect(countFindings([info])).toBe(0);
  });
});
