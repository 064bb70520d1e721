import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const MAGIC = /[*?[{]/;

export function hasMagic(pattern: string): boolean {
  return MAGIC.test(pattern);
}

/**
 * Expands a glob (`*`, `?`, `[abc]`, `{a,b}`, `**` for any depth) against the file
 * system, relative to cwd. Files only, sorted, dotfiles only when the pattern names
 * them. For shells that pass patterns through (quoted, or Windows).
 */
export async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]+/);
  const absolute = pattern.startsWith('/');
  const fixed: string[] = [];
  while (parts.length > 1 && !hasMagic(parts[0])) fixed.push(parts.shift()!);
  const base = absolute ? '/' + fixed.filter(Boolean).join('/') : fixed.join('/');
  const matchers = parts.map((p) => (p === '**' ? '**' : segmentRegExp(p)));
  const found: string[] = [];
  await walk(resolve(cwd, base || '.'), base, matchers, found);
  return [...new Set(found)].sort();
}

async function walk(dir: string, shown: string, matchers: (RegExp | '**')[], found: string[]): Promise<void> {
  const [head, ...rest] = matchers;
  if (head === undefined) return;
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const child = (name: string) => (shown ? (shown.endsWith('/') ? shown + name : `${shown}/${name}`) : name);
  if (head === '**') {
    // zero directories …
    await walk(dir, shown, rest, found);
    // … or one more, keeping ** in play.
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      if (await isDirectory(join(dir, e.name), e)) await walk(join(dir, e.name), child(e.name), matchers, found);
    }
    return;
  }
  for (const e of entries) {
    if (!head.test(e.name)) continue;
    const path = join(dir, e.name);
    if (rest.length === 0) {
      if (!(await isDirectory(path, e))) found.push(child(e.name));
    } else if (await isDirectory(path, e)) {
      await walk(path, child(e.name), rest, found);
    }
  }
}

async function isDirectory(path: string, entry: import('node:fs').Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  return stat(path).then((s) => s.isDirectory(), () => false);
}

function segmentRegExp(segment: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close === -1) re += '\\[';
      else {
        const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
  }
  // Like shells: * and ? do not match a leading dot unless the pattern starts with one.
  const dot = segment.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${dot}${re}$`);
}
