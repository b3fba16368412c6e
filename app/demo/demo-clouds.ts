/**
 * "Try Ferry without an account": two of Ferry's own small S3 servers
 * (app/demo/server/, no dependency, so installed builds have them too)
 * inside the Ferry process, on 127.0.0.1, each with its own random keys,
 * seeded with sample buckets and objects and added as two connections
 * marked "(demo)" so a newcomer can drag between two clouds in the first
 * minute. Everything lives in one temp folder; stop() removes the
 * connections, the servers and that folder.
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FerryCore } from '../core/ferry-core.js';
import { startDemoS3Server, type DemoS3Server } from './server/demo-s3-server.js';
import type { DemoKeys } from './server/sigv4-check.js';

export interface DemoClouds {
  folder: string;
  /** The demo's connections, Harbour then Lighthouse. */
  connectionIds: string[];
  stop(): Promise<void>;
}

interface CloudPlan {
  label: string;
  buckets: Record<string, Record<string, string>>;
}

const csv = ['city,country,visitors', 'Lisbon,PT,5123', 'Oslo,NO,2210', 'Kyoto,JP,8890', 'Quito,EC,1302'].join('\n');
const plans: CloudPlan[] = [
  {
    label: 'Harbour (demo)',
    buckets: {
      photos: {
        'trips/2024/lisbon/tram.svg':
          '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#f4c542"/><text x="10" y="45">tram 28</text></svg>',
        'trips/2024/lisbon/notes.txt': 'Tram 28 at 8am, before the crowds.\n',
        'trips/2025/oslo/fjord.svg':
          '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#3b82f6"/></svg>',
        'README.txt': 'Sample photos for trying Ferry. Drag them to the other demo cloud.\n',
      },
      reports: {
        'visitors.csv': `${csv}\n`,
        'visitors-by-city-and-month-for-the-annual-board-report-2026.csv': `${csv}\n`,
        'summary.json': `${JSON.stringify({ year: 2026, cities: 4, busiest: 'Kyoto' }, null, 2)}\n`,
        '2026/q1.csv': `${csv}\n`,
        '2026/q2.csv': `${csv}\n`,
      },
    },
  },
  {
    label: 'Lighthouse (demo)',
    buckets: {
      archive: { 'incoming/.keep': '' },
      backups: { 'db/2026-12-01.sql': '-- a tiny sample dump\nCREATE TABLE t (id int);\n' },
    },
  },
];

async function seed(endpoint: string, keys: DemoKeys, plan: CloudPlan): Promise<void> {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: keys,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    for (const [bucket, objects] of Object.entries(plan.buckets)) {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      for (const [key, body] of Object.entries(objects)) {
        const type = key.endsWith('.svg')
          ? 'image/svg+xml'
          : key.endsWith('.json')
            ? 'application/json'
            : key.endsWith('.csv')
              ? 'text/csv'
              : 'text/plain';
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(body, 'utf8'), ContentType: type }));
      }
    }
  } finally {
    client.destroy();
  }
}

export async function startDemoClouds(core: FerryCore): Promise<DemoClouds> {
  const folder = mkdtempSync(path.join(tmpdir(), 'ferry-demo-'));
  const servers: DemoS3Server[] = [];
  const connectionIds: string[] = [];
  const stop = async () => {
    for (const id of connectionIds) await core.dispatch('connections.remove', { id });
    await Promise.all(servers.map((s) => s.close().catch(() => undefined)));
    rmSync(folder, { recursive: true, force: true });
  };
  try {
    for (const [i, plan] of plans.entries()) {
      const server = await startDemoS3Server({ folder: path.join(folder, `cloud-${i + 1}`) });
      servers.push(server);
      const { endpoint, keys } = server;
      await seed(endpoint, keys, plan);
      const added = await core.dispatch('connections.add', {
        label: plan.label,
        providerId: 'other',
        endpoint,
        region: 'us-east-1',
        pathStyle: true,
        accessKeyId: keys.accessKeyId,
        secretAccessKey: keys.secretAccessKey,
      });
      if (!added.ok) throw new Error(`the demo connection ${plan.label} was refused: ${added.error.message}`);
      connectionIds.push((added.value as { id: string }).id);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { folder, connectionIds, stop };
}
