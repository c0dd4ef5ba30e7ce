import type { CatalogModel } from '../core/types.js';

/** 131072 → "128k", 128000 → "128k", 1000000 → "1M": the way model pages write context sizes. */
export function formatTokens(n: number): string {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n % 1000 === 0) return `${n / 1000}k`;
  if (n % 1024 === 0) return `${n / 1024}k`;
  if (n >= 1000) return `${Math.round(n / 1000)}k`;
  return String(n);
}

export function capabilityList(model: CatalogModel): string[] {
  return (['vision', 'tools', 'reasoning', 'code'] as const).filter((c) => model.capabilities[c]);
}

/** Pads plain strings into aligned columns; the caller colours after padding. */
export function padColumns(rows: string[][], gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length + gap)))
      .join('')
      .trimEnd(),
  );
}
