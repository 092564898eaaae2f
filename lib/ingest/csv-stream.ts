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
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      const afterCR = this.pendingCR;
      this.pendingCR = false;
      if (++this.rowChars > this.maxRowChars) throw new CsvRowTooLongError(this.rowLine, this.maxRowChars);
      if (this.inQuotes) {
        if (c === '"') { this.inQuotes = false; this.afterQuote = true; continue; }
        // A quoted newline is data: keep it as written, count CRLF as one line.
        if (c === '\r') { this.line++; this.pendingCR = true; } else if (c === '\n' && !afterCR) this.line++;
        this.field += c;
        continue;
      }
      if (afterCR && c === '\n') continue;
      if (c === '"') {
        if (this.afterQuote) { this.field += '"'; this.inQuotes = true; this.afterQuote = false; continue; }
        if (this.field === '') { this.inQuotes = true; this.sawAny = true; continue; }
        this.field += c;
        continue;
      }
      this.afterQuote = false;
      if (c === sep) { this.fields.push(this.field); this.field = ''; this.sawAny = true; continue; }
      if (c === '\n' || c === '\r') {
        if (c === '\r') this.pendingCR = true;
        this.endRow(out);
        this.line++;
        this.rowLine = this.line;
        continue;
      }
      this.field += c;
      this.sawAny = true;
    }
    return out;
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
