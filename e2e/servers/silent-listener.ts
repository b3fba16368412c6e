// A loopback port where connections are never made: the kernel answers the
// first few handshakes into the listen queue, and with nobody accepting them
// every later SYN is dropped, so a client's connect waits until its own
// timeout, as it would behind a firewall that drops packets. The listener
// lives in a worker whose event loop is blocked (Atomics.wait), so it never
// accepts; the queue is filled from here before the port is handed out.
import { createConnection, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const net = require('node:net');
const server = net.createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  // Blocked until told to stop: the loop never runs, so nothing is ever accepted.
  Atomics.wait(new Int32Array(workerData.stop), 0, 0);
  server.close();
});
`;

export interface SilentListener {
  port: number;
  stop(): Promise<void>;
}

export async function startSilentListener(): Promise<SilentListener> {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER, { eval: true, workerData: { stop } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  // Fill the accept queue (its length is the backlog plus one; Node takes a backlog of 0 as its default, 511); more than enough sockets, each connected or left pending.
  const fillers: Socket[] = [];
  for (let i = 0; i < 8; i++) {
    const s = createConnection(port, '127.0.0.1');
    s.on('error', () => undefined);
    fillers.push(s);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    port,
    async stop() {
      for (const s of fillers) s.destroy();
      Atomics.store(new Int32Array(stop), 0, 1);
      Atomics.notify(new Int32Array(stop), 0);
      await worker.terminate();
    },
  };
}
