/**
 * The hash worker's code, as text: the bundle then needs no second file.
 *
 * Jobs name bytes in the shared arena ({ id, sid, ptr, len, final }); a
 * stream (sid) is a message hashed across several jobs, in order (a
 * download's range, block by block), or in one final job (an upload's
 * part). The worker hashes up to four streams at once in the SIMD lanes
 * (md5x4); fewer than four wait a little for company (HOLD_MS, PART_HOLD_MS),
 * then go anyway: a lone whole part through Node's MD5, a lone piece of a
 * stream through md5x1. Only whole 64-byte blocks are hashed before a
 * stream's last job, so a non-final job's length must be a multiple of 64.
 * Each job is answered ({ id }, with the digest for a final job) once its
 * bytes are no longer needed. Other messages: { id, buffer } hashes a
 * transferred buffer with Node's MD5 (when the arena was full) and hands it
 * back; { id, file } hashes a whole file; { id, drop } forgets a stream.
 * A job or message with crc: true also answers the CRC32 of its bytes
 * (zlib's, computed as the job arrives, while the bytes are in cache).
 */
export const HASH_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const zlib = require('node:zlib');

const INIT = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
let md5x4 = null;
let md5x1 = null;
let memory = null;
let kTable = 0;
let scratch = 0;
let heap = null;
let words = null;

if (workerData && workerData.memory) {
  memory = workerData.memory;
  kTable = workerData.kTable;
  scratch = workerData.scratch;
  const instance = new WebAssembly.Instance(workerData.module, { env: { memory } });
  md5x4 = instance.exports.md5x4;
  md5x1 = instance.exports.md5x1;
}

function mem() {
  if (!heap || heap.length !== memory.buffer.byteLength) {
    heap = new Uint8Array(memory.buffer);
    words = new Int32Array(memory.buffer);
  }
  return heap;
}

// Scratch layout: lane states at +0 (4 x 16 bytes), the lone state at +64, tails at +128 (128 bytes).
const LANES = 0;
const LONE = 64;
const TAIL = 128;

const streams = new Map();
let scheduled = false;
let holding = null;
/** How long lone work waits for company (other streams' bytes) before it is hashed alone. */
const HOLD_MS = 4;
/**
 * A whole part (an upload's) may wait longer: parts come as upload slots free
 * up, tens of milliseconds apart, and one waiting ~30 ms among sixteen in
 * flight costs an upload nothing, while hashing it alone costs ~2.5× the CPU.
 */
const PART_HOLD_MS = 30;

function stream(sid) {
  let s = streams.get(sid);
  if (!s) {
    s = { state: INIT.slice(), total: 0, jobs: [] };
    streams.set(sid, s);
  }
  return s;
}

function loadState(at, state) {
  mem();
  const w = at >> 2;
  for (let j = 0; j < 4; j++) words[w + j] = state[j];
}

function saveState(at, state) {
  mem();
  const w = at >> 2;
  for (let j = 0; j < 4; j++) state[j] = words[w + j];
}

function hex(state) {
  let out = '';
  for (let j = 0; j < 4; j++) {
    const v = state[j] >>> 0;
    for (let b = 0; b < 4; b++) out += ((v >>> (8 * b)) & 0xff).toString(16).padStart(2, '0');
  }
  return out;
}

function finish(sid, s, job) {
  // The bytes past the last whole block, the 0x80 marker, zeros and the length in bits.
  const h = mem();
  const rest = job.len - job.done;
  const tail = scratch + TAIL;
  h.copyWithin(tail, job.ptr + job.done, job.ptr + job.len);
  s.total += rest;
  const blocks = rest + 9 > 64 ? 2 : 1;
  h.fill(0, tail + rest, tail + 64 * blocks);
  h[tail + rest] = 0x80;
  const bits = s.total * 8;
  const dv = new DataView(memory.buffer);
  dv.setUint32(tail + 64 * blocks - 8, bits >>> 0, true);
  dv.setUint32(tail + 64 * blocks - 4, Math.floor(s.total / 0x20000000), true);
  loadState(scratch + LONE, s.state);
  md5x1(scratch + LONE, tail, blocks);
  saveState(scratch + LONE, s.state);
  streams.delete(sid);
  parentPort.postMessage({ id: job.id, digest: hex(s.state), crc: job.crc });
}

function settle(sid, s) {
  // Answers every leading job with no whole block left.
  while (s.jobs.length > 0) {
    const job = s.jobs[0];
    if (job.len - job.done >= 64) return;
    s.jobs.shift();
    if (job.final) return finish(sid, s, job);
    parentPort.postMessage({ id: job.id });
  }
}

function pump() {
  scheduled = false;
  if (holding) {
    clearTimeout(holding);
    holding = null;
  }
  for (;;) {
    const ready = [];
    for (const [sid, s] of streams) {
      settle(sid, s);
      const job = s.jobs[0];
      if (job && job.len - job.done >= 64) ready.push({ sid, s, job, blocks: Math.floor((job.len - job.done) / 64) });
    }
    if (ready.length === 0) return;
    if (ready.length < 4) {
      // Fewer than four lanes' worth: wait a moment for company, unless the work has waited long enough already.
      let due = Infinity;
      for (const r of ready) due = Math.min(due, r.job.at + (r.job.final && r.s.total === 0 && r.job.done === 0 ? PART_HOLD_MS : HOLD_MS));
      const left = due - performance.now();
      if (left > 0) {
        holding = setTimeout(pump, left);
        return;
      }
    }
    ready.sort((a, b) => b.blocks - a.blocks);
    const lanes = ready.slice(0, 4);
    if (lanes.length === 1) alone(lanes[0]);
    else together(lanes);
  }
}

/** One stream with no company: a whole message goes to Node's MD5 (faster on one stream), a piece to md5x1. */
function alone(lane) {
  const { sid, s, job, blocks } = lane;
  if (job.final && job.done === 0 && s.total === 0 && s.jobs.length === 1) {
    const digest = createHash('md5').update(mem().subarray(job.ptr, job.ptr + job.len)).digest('hex');
    s.jobs.shift();
    streams.delete(sid);
    parentPort.postMessage({ id: job.id, digest, crc: job.crc });
    return;
  }
  loadState(scratch + LONE, s.state);
  md5x1(scratch + LONE, job.ptr + job.done, blocks);
  saveState(scratch + LONE, s.state);
  job.done += 64 * blocks;
  s.total += 64 * blocks;
}

/** Two to four streams in the SIMD lanes, as many blocks as the shortest has. */
function together(lanes) {
  const blocks = lanes[lanes.length - 1].blocks;
  const ptrs = [];
  for (let l = 0; l < 4; l++) {
    const lane = lanes[l];
    // An empty lane re-reads lane 0's bytes into a state nobody keeps.
    loadState(scratch + LANES + 16 * l, lane ? lane.s.state : INIT);
    ptrs.push(lane ? lane.job.ptr + lane.job.done : lanes[0].job.ptr + lanes[0].job.done);
  }
  md5x4(kTable, scratch + LANES, scratch + LANES + 16, scratch + LANES + 32, scratch + LANES + 48, ptrs[0], ptrs[1], ptrs[2], ptrs[3], blocks);
  for (let l = 0; l < lanes.length; l++) {
    const { s, job } = lanes[l];
    saveState(scratch + LANES + 16 * l, s.state);
    job.done += 64 * blocks;
    s.total += 64 * blocks;
  }
}

parentPort.on('message', (m) => {
  try {
    if (m.buffer) {
      const view = new Uint8Array(m.buffer, m.offset, m.length);
      const digest = createHash('md5').update(view).digest('hex');
      const crc = m.crc ? zlib.crc32(view) : undefined;
      parentPort.postMessage({ id: m.id, digest, crc, buffer: m.buffer }, [m.buffer]);
      return;
    }
    if (m.file) {
      const hash = m.crc ? null : createHash('md5');
      let crc = 0;
      const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
      const fd = fs.openSync(m.file, 'r');
      try {
        for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) {
          if (hash) hash.update(chunk.subarray(0, n));
          else crc = zlib.crc32(chunk.subarray(0, n), crc);
        }
      } finally {
        fs.closeSync(fd);
      }
      parentPort.postMessage(hash ? { id: m.id, digest: hash.digest('hex') } : { id: m.id, crc });
      return;
    }
    if (m.drop !== undefined) {
      // An abandoned stream: its remaining jobs are answered unhashed, so their blocks are freed.
      const s = streams.get(m.drop);
      streams.delete(m.drop);
      if (s) for (const job of s.jobs) parentPort.postMessage({ id: job.id });
      parentPort.postMessage({ id: m.id });
      return;
    }
    const crc = m.crc ? zlib.crc32(mem().subarray(m.ptr, m.ptr + m.len)) : undefined;
    stream(m.sid).jobs.push({ id: m.id, ptr: m.ptr, len: m.len, done: 0, final: m.final, crc, at: performance.now() });
    if (!scheduled) {
      scheduled = true;
      setImmediate(pump);
    }
  } catch (err) {
    const e = err || {};
    parentPort.postMessage({ id: m.id, error: String(e.message || err), code: e.code, errno: e.errno, syscall: e.syscall });
  }
});
`;
