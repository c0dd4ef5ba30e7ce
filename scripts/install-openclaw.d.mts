// Types of scripts/install-openclaw.mjs, for the real-OpenClaw suite (test/openclaw/).
export interface PinnedRelease {
  version: string;
  why: string;
  plugin?: boolean;
}
export declare const pins: { node: string; venicePlugin: string; releases: PinnedRelease[] };
export declare const cacheDir: string;
export declare const nodeBin: string;
export declare function openclawEnv(home: string, extra?: Record<string, string>): Record<string, string>;
export declare function releaseDir(version: string): string;
export declare function openclawBin(version: string): string;
export declare function pluginTemplate(version: string): string;
