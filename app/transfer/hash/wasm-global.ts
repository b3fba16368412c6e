/**
 * The members of WebAssembly the arena uses. Node has WebAssembly as a
 * global, but TypeScript declares it in its DOM library, which the core's
 * environment leaves out (tsconfig.core.json), so it is named here.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** A compiled module: opaque here, it is only posted to the hash workers. */
export type WasmModule = object;

interface WasmGlobal {
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array<ArrayBuffer>) => WasmModule;
}

export const wasm = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;
