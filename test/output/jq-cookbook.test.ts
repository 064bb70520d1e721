// Runs every command of the README's jq cookbook on the sample document, with
// `policyparse` replaced by a shell function that prints that document.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatJson, formatJsonl } from '../../src/format/json.js';
import { reportDiagnosticsJson } from '../../src/diagnostics/reporter.js';
import { sampleDocument } from './sample.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function cookbookCommands(): string[] {
  const section = readme.split('### jq cookbook')[1] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const commands: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('policyparse ')) commands.push(line);
    else if (line.startsWith(' ') && commands.length) commands[commands.length - 1] += '\n' + line;
  }
  return commands;
}

const hasJq = spawnSync('jq', ['--version']).status === 0;
const withJq = hasJq ? describe : describe.skip;

withJq('README jq cookbook', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policyparse-jq-'));
  const doc = sampleDocument();
  writeFileSync(join(dir, 'doc.json'), formatJson(doc));
  writeFileSync(join(dir, 'doc.jsonl'), formatJsonl(doc));
  writeFileSync(join(dir, 'diagnostics.jsonl'), reportDiagnosticsJson('page.txt', doc.diagnostics));
  const fake = [
    'policyparse() {',
    '  case "$*" in',
    `    *--diagnostics*) cat '${dir}/doc.json'; cat '${dir}/diagnostics.jsonl' >&2 ;;`,
    `    *jsonl*) cat '${dir}/doc.jsonl' ;;`,
    `    *) cat '${dir}/doc.json' ;;`,
    '  esac',
    '}',
  ].join('\n');
  const run = (command: string) => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${fake}\n${command}`], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
  };
  const commands = cookbookCommands();

  it('has the recipes', () => {
    expect(commands.length).toBeGreaterThanOrEqual(4);
  });

  it('lists all titles', () => {
    expect(run(commands.find((c) => c.includes(".articles[].title'"))!)).toBe('关于测试的通知\nnull\n');
  });

  it('lists titles from JSON Lines', () => {
    expect(run(commands.find((c) => c.includes('-f jsonl'))!)).toBe('sample.txt\ta1\t关于测试的通知\nsample.txt\ta2\t\n');
  });

  it('lists all numbered items of one article', () => {
    const out = run(commands.find((c) => c.includes('contains("通知")'))!);
    expect(out.split('\n')).toEqual(
      expect.arrayContaining(['s1\t一、\t总体要求', 's1.i1\t（一）\t指导思想', 's1.i2\t（二）\t主要目标', 't3\t第三条\t国家保障公民的合法权益。', 'q1\t问：\t规划如何落实？']),
    );
  });

  it('finds every 到2025年 sentence with its item', () => {
    const out = run(commands.find((c) => c.includes('到2025年'))!);
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([
      { article: 'a1', item: '（二）主要目标', sentence: '到2025年，服务体系基本建立。' },
    ]);
  });

  it('counts warnings by code', () => {
    expect(run(commands.find((c) => c.includes('--diagnostics json'))!).trim()).toBe('1 numbering-gap');
  });
});
