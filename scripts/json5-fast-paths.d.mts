import type { Plugin } from 'esbuild';

export interface Json5Patch {
  why: string;
  find: string;
  replace: string;
}
export const JSON5_PATCHES: Record<'parse.js' | 'util.js', Json5Patch[]>;
export function patchJson5Source(name: string, source: string): string;
export const json5FastPaths: Plugin;
