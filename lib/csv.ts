/**
 * RFC 4180 CSV (and TSV) parsing. Fields may be quoted, quotes doubled inside them, and newlines may
 * stand inside quoted fields. Returns rows with the 1-based line number where each row starts, so a
 * rejected row can be reported by its line.
 */
export type CsvRow = { line: number; fields: string[] };

export function parseCsv(text: string, delimiter?: string): CsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = delimiter ?? sniffDelimiter(src);
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  let sawAny = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') { field += '"'; i++; } else inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') { inQuotes = true; sawAny = true; continue; }
    if (c === sep) { fields.push(field); field = ''; sawAny = true; continue; }
    if (c === '\r' && src[i + 1] === '\n') continue;
    if (c === '\n' || c === '\r') {
      fields.push(field);
      if (sawAny || fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
      fields = []; field = ''; sawAny = false;
      line++; rowLine = line;
      continue;
    }
    field += c; sawAny = true;
  }
  if (inQuotes) throw new CsvError(`unterminated quoted field starting on line ${rowLine}`, rowLine);
  if (sawAny || field !== '') { fields.push(field); rows.push({ line: rowLine, fields }); }
  return rows;
}

export class CsvError extends Error {
  constructor(message: string, readonly line: number) { super(message); }
}

/** Tab if the first line has more tabs than commas (exports pasted through a spreadsheet), else comma. */
export function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const tabs = firstLine.split('\t').length;
  const commas = firstLine.split(',').length;
  return tabs > commas ? '\t' : ',';
}

/** Rows as objects keyed by the header (lower-cased, trimmed). */
export function parseCsvRecords(text: string): { line: number; record: Record<string, string> }[] {
  const rows = parseCsv(text);
  const header = rows.shift();
  if (!header) return [];
  const keys = header.fields.map((h) => h.trim().toLowerCase());
  return rows.map((r) => ({
    line: r.line,
    record: Object.fromEntries(keys.map((k, i) => [k, (r.fields[i] ?? '').trim()])),
  }));
}
