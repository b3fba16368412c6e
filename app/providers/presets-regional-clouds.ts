/** European, Latin-American and Asian clouds with an S3 API. */
import { definePreset } from './define-preset.js';

export const hetzner = definePreset({
  id: 'hetzner',
  name: 'Hetzner Object Storage',
  keywords: ['hetzner'],
  endpointTemplate: 'https://{location}.your-objectstorage.com',
  fields: ['location'],
  regions: [
    ['fsn1', 'Falkenstein'],
    ['nbg1', 'Nuremberg'],
    ['hel1', 'Helsinki'],
  ],
  defaultRegion: 'fsn1',
  pathStyle: false,
  pathStyleFixed: false,
  lacks: ['ifNoneMatch'],
  rcloneProviders: ['Hetzner'],
  hostSuffixes: ['your-objectstorage.com'],
  notes: ['Tags of an older object version cannot be read (the server answers 501).'],
});

export const scaleway = definePreset({
  id: 'scaleway',
  name: 'Scaleway Object Storage',
  keywords: ['scaleway', 'scw'],
  endpointTemplate: 'https://s3.{region}.scw.cloud',
  fields: ['region'],
  regions: [
    ['fr-par', 'Paris'],
    ['nl-ams', 'Amsterdam'],
    ['pl-waw', 'Warsaw'],
    ['it-mil', 'Milan'],
  ],
  defaultRegion: 'fr-par',
  pathStyle: false,
  pathStyleFixed: false,
  // At most 1,000 parts: the transfer engine raises the part size to fit.
  limits: { maxParts: 1000 },
  lacks: ['ifNoneMatch'],
  rcloneProviders: ['Scaleway'],
  hostSuffixes: ['scw.cloud'],
  notes: ['At most 1,000 parts per upload; Ferry raises the part size for large objects.'],
});

export const ovh = definePreset({
  id: 'ovh',
  name: 'OVHcloud Object Storage',
  keywords: ['ovh', 'ovhcloud'],
  endpointTemplate: 'https://s3.{region}.io.cloud.ovh.net',
  fields: ['region'],
  regions: ['gra', 'sbg', 'rbx', 'de', 'uk', 'waw', 'bhs', 'ca-east-tor', 'sgp', 'ap-southeast-syd', 'eu-west-par'],
  defaultRegion: 'gra',
  pathStyle: false,
  pathStyleFixed: false,
  lacks: ['ifNoneMatch'],
  rcloneProviders: ['OVHcloud'],
  hostSuffixes: ['cloud.ovh.net'],
  notes: ['No checksum trailers: Ferry sends checksums only where an operation requires one.'],
});

export const magalu = definePreset({
  id: 'magalu',
  name: 'Magalu Cloud Object Storage',
  keywords: ['magalu', 'mgc'],
  endpointTemplate: 'https://{region}.magaluobjects.com',
  fields: ['region'],
  regions: ['br-se1', 'br-ne1'],
  defaultRegion: 'br-se1',
  pathStyle: false,
  pathStyleFixed: false,
  lacks: ['tagging', 'acls', 'objectLock', 'ifNoneMatch'],
  rcloneProviders: ['Magalu'],
  hostSuffixes: ['magaluobjects.com'],
});

export const qiniu = definePreset({
  id: 'qiniu',
  name: 'Qiniu Kodo',
  keywords: ['qiniu', 'kodo'],
  endpointTemplate: 'https://s3.{region}.qiniucs.com',
  fields: ['region'],
  regions: ['cn-east-1', 'cn-east-2', 'cn-north-1', 'cn-south-1', 'us-north-1', 'ap-southeast-1', 'ap-northeast-1'],
  defaultRegion: 'cn-east-1',
  pathStyle: false,
  pathStyleFixed: false,
  lacks: ['tagging', 'acls', 'objectLock', 'ifNoneMatch', 'versioning'],
  rcloneProviders: ['Qiniu'],
  hostSuffixes: ['qiniucs.com'],
});

export const petabox = definePreset({
  id: 'petabox',
  name: 'Petabox',
  keywords: ['petabox'],
  endpointTemplate: 'https://s3.{region}.petabox.io',
  fields: ['region'],
  regions: ['us-east-1', 'eu-central-1', 'ap-southeast-1', 'me-south-1', 'sa-east-1'],
  defaultRegion: 'us-east-1',
  pathStyle: false,
  pathStyleFixed: false,
  lacks: ['tagging', 'acls', 'objectLock', 'ifNoneMatch'],
  rcloneProviders: ['Petabox'],
  hostSuffixes: ['petabox.io'],
});

export const leviia = definePreset({
  id: 'leviia',
  name: 'Leviia Object Storage',
  keywords: ['leviia'],
  endpointTemplate: 'https://s3.leviia.com',
  fields: [],
  regions: ['us-east-1'],
  defaultRegion: 'us-east-1',
  pathStyle: true,
  pathStyleFixed: false,
  lacks: ['tagging', 'acls', 'objectLock', 'ifNoneMatch'],
  rcloneProviders: ['Leviia'],
  hostSuffixes: ['leviia.com'],
});
