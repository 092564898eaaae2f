/**
 * Reads newline-delimited JSON as it grows (an XHR's responseText during a streamed answer): call the returned
 * function with the whole text so far; each complete new line is parsed once and handed to `onMessage`.
 * A line still being written is left for the next call.
 */
export function ndjsonReader(onMessage: (msg: { type?: string } & Record<string, unknown>) => void): (text: string) => void {
  let seen = 0;
  return (text) => {
    let nl: number;
    while ((nl = text.indexOf('\n', seen)) >= 0) {
      const line = text.slice(seen, nl);
      seen = nl + 1;
      if (!line.trim()) continue;
      let msg: unknown;
      try { msg = JSON.parse(line); } catch { continue; }
      if (msg && typeof msg === 'object') onMessage(msg as { type?: string } & Record<string, unknown>);
    }
  };
}
