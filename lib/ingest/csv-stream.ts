import type { CsvRow } from '@/lib/csv';

/**
 * Incremental RFC 4180 parser: feed text chunks as they arrive, get complete rows back with the line each starts
 * on. Quoted fields may hold delimiters, doubled quotes and newlines across chunk boundaries. Memory is bounded by
 * one row (and a row is bounded by `maxRowChars`).
 */
export class CsvStream {
  private sep: string | null;
  private fields: string[] = [];
  private field = '';
  private inQuotes = false;
  private afterQuote = false;
  private line = 1;
  private rowLine = 1;
  private sawAny = false;
  private pendingCR = false;
  private rowChars = 0;

  constructor(delimiter?: string, private readonly maxRowChars = 1_000_000) {
    this.sep = delimiter ?? null;
  }

  get delimiter(): string | null {
    return this.sep;
  }

  push(chunk: string): CsvRow[] {
    if (this.sep === null) {
      // Sniff from the first line: tab if it has more tabs than commas (exports pasted through a spreadsheet).
      const nl = chunk.search(/\r|\n/);
      const first = nl < 0 ? chunk : chunk.slice(0, nl);
      this.sep = first.split('\t').length > first.split(',').length ? '\t' : ',';
    }
    const out: CsvRow[] = [];
    const sep = this.sep;
    const n = chunk.length;
    // Most chunks of most exports hold no quote and no CR at all: then a line needs no look for either.
    const plain = chunk.indexOf('"') < 0 && chunk.indexOf('\r') < 0;
    let i = 0;
    while (i < n) {
      // Fast path: a whole line of this chunk with no quote and no CR before its LF (most rows of most exports) is split
      // in one call instead of character by character; in a chunk with neither anywhere, the line is not even looked at.
      // Anything else takes the careful path below.
      if (!this.pendingCR && !this.inQuotes && !this.sawAny && !this.afterQuote && this.field === '' && this.fields.length === 0) {
        const nl = chunk.indexOf('\n', i);
        if (nl >= 0) {
          const end = !plain && nl > i && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
          if (end - i <= this.maxRowChars) {
            const text = chunk.slice(i, end);
            if (plain || (text.indexOf('"') < 0 && text.indexOf('\r') < 0)) {
              if (text !== '') out.push({ line: this.line, fields: text.split(sep) });
              this.line++;
              this.rowLine = this.line;
              i = nl + 1;
              continue;
            }
          }
        }
      }
      if (this.pendingCR) {
        this.pendingCR = false;
        if (chunk.charCodeAt(i) === 10 /* \n */) {
          // CRLF: one line break (inside quotes the LF is data too).
          if (this.inQuotes) this.field += '\n';
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        // Copy the run up to the next quote or line break in one slice.
        let j = i;
        while (j < n) {
          const c = chunk.charCodeAt(j);
          if (c === 34 /* " */ || c === 10 || c === 13) break;
          j++;
        }
        if (j > i) { this.field += chunk.slice(i, j); this.count(j - i); i = j; continue; }
        const c = chunk.charCodeAt(i);
        if (c === 34) { this.inQuotes = false; this.afterQuote = true; i++; continue; }
        this.line++;
        this.field += chunk[i];
        if (c === 13) this.pendingCR = true;
        this.count(1);
        i++;
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 34) {
        if (this.afterQuote) { this.field += '"'; this.inQuotes = true; this.afterQuote = false; i++; continue; }
        if (this.field === '') { this.inQuotes = true; this.sawAny = true; i++; continue; }
        this.field += '"';
        i++;
        continue;
      }
      this.afterQuote = false;
      if (c === 10 || c === 13) {
        if (c === 13) this.pendingCR = true;
        this.endRow(out);
        this.line++;
        this.rowLine = this.line;
        i++;
        continue;
      }
      // Delimiters count toward the row's length: a row of millions of empty fields is as hostile as one long cell.
      if (chunk[i] === sep) { this.fields.push(this.field); this.field = ''; this.sawAny = true; this.count(1); i++; continue; }
      // An unquoted run: up to the next delimiter, quote or line break, in one slice.
      let j = i + 1;
      while (j < n) {
        const d = chunk.charCodeAt(j);
        if (d === 10 || d === 13 || d === 34 || chunk[j] === sep) break;
        j++;
      }
      this.field += chunk.slice(i, j);
      this.sawAny = true;
      this.count(j - i);
      i = j;
    }
    return out;
  }

  private count(chars: number): void {
    this.rowChars += chars;
    if (this.rowChars > this.maxRowChars) throw new CsvRowTooLongError(this.rowLine, this.maxRowChars);
  }

  end(): CsvRow[] {
    if (this.inQuotes) throw new CsvUnterminatedError(this.rowLine);
    const out: CsvRow[] = [];
    if (this.sawAny || this.field !== '') this.endRow(out);
    return out;
  }

  private endRow(out: CsvRow[]): void {
    this.fields.push(this.field);
    if (this.sawAny || this.fields.length > 1 || this.fields[0] !== '') out.push({ line: this.rowLine, fields: this.fields });
    this.fields = [];
    this.field = '';
    this.sawAny = false;
    this.afterQuote = false;
    this.rowChars = 0;
  }
}

export class CsvUnterminatedError extends Error {
  constructor(readonly line: number) { super(`a quoted field starting on line ${line} never ends (is the file cut short?)`); }
}
export class CsvRowTooLongError extends Error {
  constructor(readonly line: number, max: number) { super(`row starting on line ${line} is longer than ${max.toLocaleString('en-US')} characters`); }
}
