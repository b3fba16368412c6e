/** Replaced at build time from package.json; the fallback serves tests that run the sources directly. */
declare const __FERRY_VERSION__: string | undefined;
export const FERRY_VERSION: string = typeof __FERRY_VERSION__ === 'string' ? __FERRY_VERSION__ : '0.0.0-dev';
