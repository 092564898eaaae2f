import { describe, expect, it } from 'vitest';
import { ndjsonReader } from './ndjson';

describe('ndjsonReader', () => {
  it('hands over each complete line once, keeps a partial line for later, skips blanks and garbage', () => {
    const got: unknown[] = [];
    const read = ndjsonReader((m) => got.push(m));
    read('{"type":"progress","rows":1}\n{"type":"pro');
    expect(got).toEqual([{ type: 'progress', rows: 1 }]);
    read('{"type":"progress","rows":1}\n{"type":"progress","rows":2}\n\nnot json\n{"type":"summary"}\n');
    expect(got).toEqual([{ type: 'progress', rows: 1 }, { type: 'progress', rows: 2 }, { type: 'summary' }]);
  });
});
