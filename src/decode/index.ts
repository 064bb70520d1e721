import { createHash } from 'node:crypto';
import type { Decoded, Diagnostic } from '../types.js';
import { InputError } from '../errors.js';

export interface DecodeOptions {
  /** Force an encoding (any WHATWG label: utf-8, gbk, gb18030, utf-16le, big5 …). */
  encoding?: string;
}

const CHARSET_IN_HTML = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i;

/**
 * bytes -> text. Order of evidence: --encoding, a BOM, a <meta charset> in the first
 * 2 KB, strict UTF-8, then GB18030 (a superset of GBK and GB2312, the usual legacy
 * encoding of Chinese archives). Bytes that do not decode are counted in a
 * diagnostic with the first position, never dropped silently.
 */
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const diagnostics: Diagnostic[] = [];
  let encoding = options.encoding ? normaliseLabel(options.encoding) : sniff(bytes);
  let body = bytes;
  if (!options.encoding) {
    const bom = bomOf(bytes);
    if (bom) {
      encoding = bom.encoding;
      body = bytes.subarray(bom.length);
    }
  } else if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: false });
  } catch {
    throw new InputError(`unknown encoding '${options.encoding ?? encoding}'`);
  }
  if (!options.encoding && encoding === 'utf-8' && !isUtf8(body) && !looksBinary(body)) {
    encoding = 'gb18030';
    decoder = new TextDecoder(encoding);
  }
  const text = decoder.decode(body);
  if (looksBinary(body) && !encoding.startsWith('utf-16')) {
    throw new InputError('binary input (control bytes found): not a text, Markdown or HTML page');
  }
  const bad = countReplacements(text);
  if (bad.count > 0) {
    const before = text.slice(0, bad.first);
    const line = before.split('\n').length;
    const column = bad.first - before.lastIndexOf('\n');
    diagnostics.push({
      severity: 'warning',
      code: 'undecodable-bytes',
      message: `${bad.count} byte sequence(s) could not be decoded as ${encoding}; replaced with U+FFFD`,
      line,
      column,
      offset: bad.first,
    });
  }
  return { text, encoding, bytes: bytes.length, sha256, diagnostics };
}

function normaliseLabel(label: string): string {
  const l = label.trim().toLowerCase();
  if (l === 'utf8') return 'utf-8';
  if (l === 'gbk' || l === 'gb2312' || l === 'cp936') return 'gbk';
  return l;
}

function bomOf(b: Uint8Array): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function sniff(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  const m = CHARSET_IN_HTML.exec(head);
  if (m) {
    const label = normaliseLabel(m[1]);
    try {
      new TextDecoder(label);
      return label === 'gbk' || label === 'gb2312' ? 'gb18030' : label;
    } catch {
      /* an unknown label in the page: fall back to sniffing */
    }
  }
  return 'utf-8';
}

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** Text files have no NUL and few C0 controls; binary files have many. */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  if (n === 0) return false;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) controls++;
  }
  return controls / n > 0.1;
}

function countReplacements(text: string): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) {
    if (first < 0) first = i;
    count++;
  }
  return { count, first };
}
