import { describe, expect, test } from 'vitest';
import type { SourceInfo } from './source';
import { decodeSource, SourceError } from './source';

/** The bytes in chunks of the given sizes (cycled), as an upload or a file stream hands them over. */
async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    yield bytes.subarray(at, Math.min(bytes.length, at + n));
    at += n;
  }
}

async function decodeAll(bytes: Uint8Array, sizes: number[]): Promise<{ text: string; info: Partial<SourceInfo> }> {
  const info: Partial<SourceInfo> = {};
  let text = '';
  for await (const t of decodeSource(chunked(bytes, sizes), { maxBytes: 1024 ** 3, info })) text += t;
  return { text, info };
}

/** ~300 KB of ASCII rows with a multi-byte character now and then: pieces of 64 KB cut through some of them. */
function mixedText(): string {
  const rows: string[] = ['time,model,project,tokens'];
  for (let i = 0; i < 6000; i++) {
    const project = i % 997 === 0 ? `prój-€-${i}-😀` : `proj-${i % 7}`;
    rows.push(`2026-08-01T00:00:${String(i % 60).padStart(2, '0')}Z,gpt-4o,${project},${i * 13}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('decodeSource', () => {
  const text = mixedText();
  const utf8 = Buffer.from(text, 'utf8');

  test.each([
    ['one 1 MB read', [1 << 20]],
    ['256 KB reads', [256 * 1024]],
    ['odd sizes that split characters', [65_537, 1, 2, 3, 70_001, 131_071]],
    ['single bytes near the start, then large', [1, 1, 1, 1, 1, 300_000]],
  ])('UTF-8 with multi-byte characters across piece and chunk boundaries decodes exactly (%s)', async (_name, sizes) => {
    const { text: out, info } = await decodeAll(utf8, sizes);
    expect(out).toBe(text);
    expect(info.encoding).toBe('utf-8');
    expect(out.match(/€/g)).toHaveLength(7);
  });

  test('a UTF-8 byte-order mark is dropped, and the rest still decodes exactly', async () => {
    const { text: out } = await decodeAll(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), [100_000]);
    expect(out).toBe(text);
  });

  test('Latin-1 (Windows-1252) past the sample: ASCII pieces and accented ones both read as the file says', async () => {
    const latin = `${'a,b\n'.repeat(40_000)}caf\u00e9,\u20ac\n${'x,y\n'.repeat(40_000)}`;
    // é is 0xE9 and € is 0x80 in Windows-1252; the first 64 KB are ASCII, so the sample cannot tell yet…
    const bytes = Buffer.from(latin.replace('\u20ac', '\u0080'), 'latin1');
    const { text: out, info } = await decodeAll(Buffer.concat([Buffer.from('h\u00e9,z\n', 'latin1'), bytes]), [70_000]);
    expect(info.encoding).toBe('latin-1 (windows-1252)');
    expect(out.startsWith('h\u00e9,z\n')).toBe(true);
    expect(out).toContain('caf\u00e9,\u20ac\n');
    expect(out.length).toBe(5 + latin.length);
  });

  test('invalid UTF-8 after an ASCII run is still refused, and a character cut off at the very end too', async () => {
    const bad = Buffer.concat([utf8, Buffer.from('ok\n'), Buffer.from([0xc3, 0x28]), Buffer.from('\nmore,ascii\n'.repeat(10_000))]);
    await expect(decodeAll(bad, [65_536])).rejects.toMatchObject({ code: 'encoding' });
    const cut = Buffer.concat([utf8, Buffer.from([0xe2, 0x82])]);
    await expect(decodeAll(cut, [65_536])).rejects.toBeInstanceOf(SourceError);
    // A piece that ends inside a character, then pieces of plain ASCII (copied without the decoder): still refused.
    const cutMid = Buffer.concat([Buffer.from('a'.repeat(65_535)), Buffer.from([0xe2]), Buffer.from('b,c\n'.repeat(40_000))]);
    await expect(decodeAll(cutMid, [65_536])).rejects.toMatchObject({ code: 'encoding' });
  });

  test('UTF-16 is decoded by its own decoder, in pieces', async () => {
    const s = text.slice(0, 80_000);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
    const { text: out, info } = await decodeAll(le, [65_537, 3]);
    expect(info.encoding).toBe('utf-16le');
    expect(out).toBe(s);
  });
});
