/** Servers people run themselves, and the catch-all for any other S3-compatible endpoint. */
import { definePreset } from './define-preset.js';

export const minio = definePreset({
  id: 'minio',
  name: 'MinIO',
  keywords: ['minio', 'self-hosted', 'aistor'],
  fields: ['endpoint', 'region'],
  regions: ['us-east-1'],
  defaultRegion: 'us-east-1',
  pathStyle: true,
  pathStyleFixed: false,
  quirks: ['content-md5-on-delete', 'sts-on-endpoint'],
  // MinIO releases before mid-2024 take If-None-Match: * on a PUT and overwrite anyway, and self-hosted servers
  // run releases years apart: which one this is, only a probe can tell (app/probe/conditional-writes.ts).
  lacks: ['ifNoneMatch'],
  rcloneProviders: ['Minio'],
  notes: ['The region is whatever the server was started with (MINIO_REGION); us-east-1 unless set.'],
});

export const ceph = definePreset({
  id: 'ceph',
  name: 'Ceph Object Gateway (RGW)',
  keywords: ['ceph', 'rgw', 'radosgw', 'self-hosted'],
  fields: ['endpoint', 'region'],
  regions: ['us-east-1', 'default'],
  defaultRegion: 'us-east-1',
  pathStyle: true,
  pathStyleFixed: false,
  lacks: ['ifNoneMatch'],
  quirks: ['content-md5-on-delete', 'sts-on-endpoint'],
  rcloneProviders: ['Ceph'],
  notes: ['The region is the zonegroup name (often "default" or "us-east-1").'],
});

export const seaweedfs = definePreset({
  id: 'seaweedfs',
  name: 'SeaweedFS',
  keywords: ['seaweed', 'self-hosted'],
  fields: ['endpoint', 'region'],
  regions: ['us-east-1'],
  defaultRegion: 'us-east-1',
  pathStyle: true,
  pathStyleFixed: false,
  lacks: ['acls', 'objectLock', 'ifNoneMatch'],
  quirks: ['content-md5-on-delete'],
  rcloneProviders: ['SeaweedFS'],
});

export const garage = definePreset({
  id: 'garage',
  name: 'Garage',
  keywords: ['garage', 'deuxfleurs', 'self-hosted'],
  fields: ['endpoint', 'region'],
  regions: ['garage'],
  defaultRegion: 'garage',
  pathStyle: true,
  pathStyleFixed: false,
  lacks: ['acls', 'tagging', 'versioning', 'objectLock', 'uploadPartCopy', 'ifNoneMatch'],
  quirks: ['content-md5-on-delete'],
  notes: ['The region is the s3_region of garage.toml ("garage" by default).'],
});

export const other = definePreset({
  id: 'other',
  name: 'Other S3-compatible',
  keywords: ['custom', 'generic', 's3-compatible', 'versitygw', 'self-hosted'],
  fields: ['endpoint', 'region'],
  regions: ['us-east-1'],
  defaultRegion: 'us-east-1',
  pathStyle: true,
  pathStyleFixed: false,
  // Not trusted until seen: a server that ignores If-None-Match (s3rver, older gateways) would let a "skip" or
  // "ask" upload overwrite what is there without a word. The engine probes it once (probe/conditional-writes.ts).
  lacks: ['ifNoneMatch'],
  quirks: ['content-md5-on-delete'],
  rcloneProviders: ['Other'],
  notes: ['Test the connection: the probe finds out what this server supports.'],
});
