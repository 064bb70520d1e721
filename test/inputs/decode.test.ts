import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, decodeString, decodeUtf8File } from '../../src/decode/index.js';
import { parse } from '../../src/index.js';
import { InputError } from '../../src/errors.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const seedBytes = fixture('seed-page.txt');
const seedText = seedBytes.toString('utf8');

function utf16(text: string, order: 'le' | 'be', bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = order === 'le' ? le : Buffer.from(le).swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body;
}

describe('decode', () => {
  it('reads UTF-8 with and without a BOM, the BOM not part of the text', () => {
    expect(decode(seedBytes)).toMatchObject({ text: seedText, encoding: 'utf-8', diagnostics: [] });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seedBytes]);
    const d = decode(withBom);
    expect(d.text).toBe(seedText);
    expect(d.bytes).toBe(withBom.length);
  });

  it('gives what TextDecoder gives for UTF-8: one BOM dropped, a second kept, forced or sniffed', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const inputs = [Buffer.alloc(0), Buffer.from(bom), Buffer.from([...bom, ...bom, 0x41]), Buffer.from('a\uFEFFb 一𠀀'), seedBytes.subarray(0, 5000)];
    for (const bytes of inputs) {
      const expected = new TextDecoder('utf-8').decode(bytes);
      expect(decode(bytes).text).toBe(expected);
      expect(decode(bytes, { encoding: 'utf8' }).text).toBe(expected);
    }
  });

  it.each([
    ['le', true, 'utf-16le'],
    ['be', true, 'utf-16be'],
    ['le', false, 'utf-16le'],
    ['be', false, 'utf-16be'],
  ] as const)('reads UTF-16 %s (BOM %s)', (order, bom, encoding) => {
    const text = '<p>第一条　为了规范行政强制的设定和实施。</p>\n2025年\n';
    const d = decode(utf16(text, order, bom));
    expect(d.encoding).toBe(encoding);
    expect(d.text).toBe(text);
  });

  it('sniffs GB18030 when nothing declares an encoding', () => {
    const d = decode(fixture('seed-page.gb18030.txt'));
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe(seedText);
    expect(d.diagnostics).toEqual([]);
  });

  it('follows <meta charset> for GBK and GB2312 pages, decoding with the GB18030 superset', () => {
    const gb = fixture('seed-page.gb18030.txt');
    const page = Buffer.concat([Buffer.from('<meta charset="gbk">\n'), gb]);
    const d = decode(page);
    expect(d.encoding).toBe('gb18030');
    expect(d.text).toBe('<meta charset="gbk">\n' + seedText);
  });

  it('trusts the bytes over a <meta charset> they contradict', () => {
    const page = Buffer.from('<meta charset="gb2312"><p>国务院关于促进综合保税区的意见</p>', 'utf8');
    const d = decode(page);
    expect(d.encoding).toBe('utf-8');
    expect(d.text).toContain('国务院');
    expect(d.diagnostics.map((x) => x.code)).toEqual(['charset-mismatch']);
  });

  it('lets --encoding override everything, and names the decoder used', () => {
    const gb = fixture('seed-page.gb18030.txt');
    expect(decode(gb, { encoding: 'GBK' }).encoding).toBe('gbk');
    expect(decode(gb, { encoding: 'gb2312' }).text).toBe(seedText);
    expect(decode(gb, { encoding: 'cp936' }).text).toBe(seedText);
    expect(decode(seedBytes, { encoding: 'utf8' }).encoding).toBe('utf-8');
  });

  it('refuses an unknown encoding name with an InputError', () => {
    expect(() => decode(seedBytes, { encoding: 'klingon' })).toThrow(InputError);
    expect(() => decode(seedBytes, { encoding: 'klingon' })).toThrow(/unknown encoding 'klingon'/);
  });

  it('reports undecodable bytes once, with their count and first position', () => {
    const bytes = Buffer.concat([Buffer.from('第一行\n第二'), Buffer.from([0xff]), Buffer.from('行'), Buffer.from([0xfe]), Buffer.from('\n')]);
    const d = decode(bytes, { encoding: 'utf-8' });
    expect(d.diagnostics).toHaveLength(1);
    const [diag] = d.diagnostics;
    expect(diag).toMatchObject({ code: 'undecodable-bytes', severity: 'warning', line: 2, column: 3, offset: 6 });
    expect(diag.message).toMatch(/^2 byte sequence\(s\) could not be decoded as utf-8 \(first at byte 16\)/);
  });

  it('does not count a U+FFFD that was written in the UTF-8 input', () => {
    const d = decode(Buffer.from('替换字符\uFFFD在此\n', 'utf8'));
    expect(d.diagnostics).toEqual([]);
  });

  it('reads a UTF-8 file cut in the middle of its last character as UTF-8, the lost bytes in a diagnostic', () => {
    // several KB of Chinese text, cut inside a three-byte character (one and two of its bytes kept)
    let lead = 6000;
    while (seedBytes[lead] < 0xe0) lead++;
    for (const cut of [lead + 1, lead + 2]) {
      const bytes = seedBytes.subarray(0, cut);
      const whole = seedBytes.subarray(0, cut).toString('utf8').replace(/\uFFFD$/, '');
      const d = decode(bytes);
      expect(d.encoding).toBe('utf-8');
      expect(d.text).toBe(whole + '\uFFFD');
      expect(d.text.length).toBeGreaterThan(2000);
      expect(d.diagnostics).toHaveLength(1);
      expect(d.diagnostics[0]).toMatchObject({ code: 'undecodable-bytes', severity: 'warning', offset: whole.length });
      expect(d.diagnostics[0].message).toMatch(/ends in the middle of a UTF-8 character: its last \d byte\(s\) replaced with U\+FFFD/);
    }
  });

  it('keeps a <meta charset="utf-8"> page cut mid-character as UTF-8', () => {
    const html = Buffer.from(`<html><head><meta charset="utf-8"></head><body><p>${seedText.slice(0, 3000)}</p>`, 'utf8');
    expect(decode(html.subarray(0, html.length - 1)).encoding).toBe('utf-8');
  });

  it('reads UTF-8 with one stray bad byte among many good characters as UTF-8', () => {
    const bytes = Buffer.concat([seedBytes.subarray(0, 3000), Buffer.from([0xff]), seedBytes.subarray(3000, 9000)]);
    const d = decode(bytes);
    expect(d.encoding).toBe('utf-8');
    expect(d.diagnostics.map((x) => x.code)).toEqual(['undecodable-bytes']);
  });

  it('still sniffs GB18030, also when the GB18030 file is cut mid-character', () => {
    const gb = fixture('seed-page.gb18030.txt');
    let cut = 5001;
    while (!new TextDecoder('gb18030').decode(gb.subarray(0, cut)).endsWith('\uFFFD')) cut++; // inside a character
    // 浣 in GB18030 (E4 BD) reads as the first two bytes of a three-byte UTF-8 character
    for (const bytes of [gb, gb.subarray(0, cut), Buffer.from([0xe4, 0xbd])]) expect(decode(bytes).encoding).toBe('gb18030');
  });

  it('reads a string as its UTF-8 bytes would be read: half a surrogate pair is U+FFFD, with a warning', () => {
    const d = decodeString('第一条\ud800正文\n\udc00😀');
    expect(d.text).toBe('第一条\uFFFD正文\n\uFFFD😀');
    expect(d.bytes).toBe(Buffer.byteLength('第一条\ud800正文\n\udc00😀'));
    expect(d.diagnostics).toEqual([{ severity: 'warning', code: 'lone-surrogate', message: expect.stringMatching(/surrogate/), line: 1, column: 4, offset: 3 }]);
    expect(decodeString('正文😀')).toMatchObject({ text: '正文😀', diagnostics: [] });
  });

  it('counts GB18030 failures too', () => {
    const d = decode(Buffer.from([0xd6, 0xd0, 0x0a, 0xff, 0x41]), { encoding: 'gb18030' });
    expect(d.diagnostics[0]).toMatchObject({ code: 'undecodable-bytes', line: 2, column: 1, offset: 2 });
  });

  it('refuses binary input', () => {
    const binary = Buffer.from(Array.from({ length: 256 }, (_, i) => i % 7));
    expect(() => decode(binary)).toThrow(InputError);
  });
});

describe('parse over encodings', () => {
  it('gives the same articles for the GB18030 copy of the seed page as for the UTF-8 file', () => {
    const utf8 = parse(seedBytes, { name: 'seed-page.txt' });
    const gb = parse(fixture('seed-page.gb18030.txt'), { name: 'seed-page.gb18030.txt' });
    expect(gb.source.encoding).toBe('gb18030');
    expect(gb.articles).toEqual(utf8.articles);
  });
});

describe('decodeUtf8File (long inputs, a chunk at a time)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'policyparse-decode-'));
  const file = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const seed = readFileSync(new URL('../../fixtures/seed-page.txt', import.meta.url));

  it('gives what decode() gives for plain UTF-8, whatever the chunk size', () => {
    const path = file('seed.txt', seed);
    // 7 and 64 bytes: chunks end inside three-byte characters at every offset
    for (const chunk of [7, 64, 1 << 20]) expect(decodeUtf8File(path, chunk)).toEqual(decode(seed));
  });

  it('gives what decode() gives for an empty file and for ASCII', () => {
    expect(decodeUtf8File(file('empty.txt', ''))).toEqual(decode(new Uint8Array(0)));
    expect(decodeUtf8File(file('ascii.txt', 'plain text\n'), 3)).toEqual(decode(Buffer.from('plain text\n')));
  });

  it.each([
    ['a UTF-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seed])],
    ['UTF-16 with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、总则\n', 'utf16le')])],
    ['GB18030', readFileSync(new URL('../../fixtures/seed-page.gb18030.txt', import.meta.url))],
    ['UTF-8 cut in the middle of its last character', seed.subarray(0, seed.length - 1)],
    ['a stray bad byte deep inside', Buffer.concat([seed, Buffer.from([0xff]), seed])],
    ['a declared charset', Buffer.from('<meta charset="gbk"><p>一、总则</p>')],
    ['binary bytes', Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3])],
  ])('leaves %s to decode(): null', (_name, bytes) => {
    expect(decodeUtf8File(file('other.bin', bytes), 64)).toBeNull();
  });
});
