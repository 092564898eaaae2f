import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { spool } from './spool';

async function* pieces(n: number, size: number) {
  for (let i = 0; i < n; i++) yield new Uint8Array(size).fill(65 + (i % 26));
}
const spooledFiles = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('frontier-upload-'));

describe('spool', () => {
  const saved = process.env.TMPDIR;
  afterEach(() => { if (saved === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = saved; });

  test('keeps the body on disk and gives it back byte for byte, capped at maxBytes + 1', async () => {
    const s = await spool(pieces(40, 100_000), { maxBytes: 3_000_000 });
    let n = 0;
    for await (const c of s.chunks) n += c.byteLength;
    expect(n).toBe(3_000_001);
    s.remove();
  });

  test('a file that cannot be written is a rejected spool, not a hang or an uncaught error', async () => {
    process.env.TMPDIR = path.join(os.tmpdir(), 'frontier-no-such-dir', 'x');
    await expect(spool(pieces(3, 10), { maxBytes: 1000 })).rejects.toThrow(/ENOENT/);
  });

  test('remove() of a spool never read leaves no file behind', async () => {
    const before = spooledFiles().length;
    const s = await spool(pieces(2, 10), { maxBytes: 1000 });
    expect(spooledFiles().length).toBe(before + 1);
    s.remove();
    expect(spooledFiles().length).toBe(before);
  });
});
