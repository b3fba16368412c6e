// Runs s3rver in its own Node process so the Ferry test harness can treat it
// like the Go servers: one child per server, killed as a process group.
// Usage: node s3rver-process.mjs <port> <directory>
import S3rver from 's3rver';

const [port, directory] = process.argv.slice(2);
if (!port || !directory) {
  console.error('usage: s3rver-process.mjs <port> <directory>');
  process.exit(2);
}

const server = new S3rver({ address: '127.0.0.1', port: Number(port), directory, silent: false });
const address = await server.run();
console.log(`[s3rver] listening on ${JSON.stringify(address)}`);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close().finally(() => process.exit(0));
  });
}
