// A TCP relay in front of a real server that can freeze: from then on it accepts connections and
// forwards nothing either way, as a PDS that stops answering looks to its clients. Thawing drops
// the frozen connections (their bytes are lost), so clients reconnect.

import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';

export interface FreezableProxy {
  url: string;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
}

export async function freezableProxy(target: string): Promise<FreezableProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  let frozen = false;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    if (frozen) return;
    const server = connect(Number(upstream.port), upstream.hostname);
    track(server);
    client.on('data', (d) => {
      if (!frozen) server.write(d);
    });
    server.on('data', (d) => {
      if (!frozen) client.write(d);
    });
    client.on('close', () => server.destroy());
    server.on('close', () => {
      if (!frozen) client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    freeze: () => {
      frozen = true;
    },
    thaw: () => {
      frozen = false;
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
