import { colorLevel, createOutput } from '../../src/cli/render.js';
import { sampleDocument } from './sample.js';
import { fakeIO } from '../cli/fake-io.js';

const ESC = '\u001b[';

describe('colorLevel', () => {
  it('colours a terminal, not a pipe', () => {
    expect(colorLevel({ isTTY: true }, {})).toBeGreaterThan(0);
    expect(colorLevel({ isTTY: false }, {})).toBe(0);
  });

  it('honours NO_COLOR, FORCE_COLOR and TERM=dumb', () => {
    expect(colorLevel({ isTTY: true }, { NO_COLOR: '1' })).toBe(0);
    expect(colorLevel({ isTTY: true }, { NO_COLOR: '' })).toBeGreaterThan(0);
    expect(colorLevel({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(1);
    expect(colorLevel({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(0);
    expect(colorLevel({ isTTY: true }, { TERM: 'dumb' })).toBe(0);
    expect(colorLevel({ isTTY: true }, { TERM: 'xterm-256color' })).toBe(2);
  });
});

describe('createOutput', () => {
  it('draws the tree in colour on a terminal and plain in a pipe', async () => {
    const tty = fakeIO({ stdoutTTY: true, stderrTTY: true, env: { TERM: 'xterm' } });
    (await createOutput({ format: 'tree' }, tty)).emit('sample.txt', sampleDocument());
    expect(tty.out()).toContain(ESC);
    expect(tty.err()).toContain(ESC);
    const pipe = fakeIO();
    (await createOutput({ format: 'tree' }, pipe)).emit('sample.txt', sampleDocument());
    expect(pipe.out()).not.toContain(ESC);
    expect(pipe.err()).toBe('sample.txt:4:1 warning numbering-gap （三） expected after （一）, found （二）\n');
  });

  it('asks for exit 1 under --strict when there is a warning', async () => {
    const io = fakeIO();
    const strict = await createOutput({ strict: true, quiet: true }, io);
    expect(strict.emit('s', sampleDocument())).toBe(1);
    expect(io.err()).toBe('');
    const lenient = await createOutput({}, fakeIO());
    expect(lenient.emit('s', sampleDocument())).toBe(0);
    expect(strict.exitCodeFor(sampleDocument().diagnostics.filter((d) => d.severity === 'info'))).toBe(0);
  });

  it('prints JSON pretty on a terminal and compact in a pipe unless told', async () => {
    const doc = sampleDocument();
    expect((await createOutput({}, fakeIO({ stdoutTTY: true }))).render(doc)).toContain('\n  "version"');
    expect((await createOutput({}, fakeIO())).render(doc).trimEnd()).not.toContain('\n');
    expect((await createOutput({ compact: true }, fakeIO({ stdoutTTY: true }))).render(doc).trimEnd()).not.toContain('\n');
    expect((await createOutput({ pretty: true }, fakeIO())).render(doc)).toContain('\n  "version"');
  });

  it('writes diagnostics as JSON lines for tools', async () => {
    const io = fakeIO({ stderrTTY: true });
    (await createOutput({ diagnostics: 'json' }, io)).emit('s.txt', sampleDocument());
    const lines = io.err().trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([expect.objectContaining({ file: 's.txt', code: 'numbering-gap', line: 4, column: 1 })]);
  });
});

describe('several inputs', () => {
  it.each(['markdown', 'text', 'tree'])('%s: a blank line between documents', async (format) => {
    const io = fakeIO();
    const output = await createOutput({ format }, io);
    output.emit('a.txt', sampleDocument());
    const first = io.out();
    output.emit('b.txt', sampleDocument());
    expect(io.out()).toBe(first + '\n' + first);
  });

  it('json: one document a line in a pipe', async () => {
    const io = fakeIO();
    const output = await createOutput({ format: 'json' }, io);
    output.emit('a.txt', sampleDocument());
    output.emit('b.txt', sampleDocument());
    expect(io.out().trimEnd().split('\n').map((l) => JSON.parse(l).version)).toEqual(['1.0', '1.0']);
  });
});
