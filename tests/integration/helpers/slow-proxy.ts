import net from 'node:net';

/**
 * A TCP proxy in front of Postgres that holds every reply back `delayMs` (requests pass at once): the latency of a
 * remote database, on loopback. A client that sends its next statement before the last one answered shows it here.
 */
export async function slowProxy(target: { host: string; port: number }, delayMs: number): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream);
    // The same delay for every chunk keeps them in order (timers of equal delay fire first in, first out).
    upstream.on('data', (d) => setTimeout(() => client.writable && client.write(d), delayMs));
    upstream.on('end', () => setTimeout(() => client.end(), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
