type Marks = { __glimpseMarks?: [string, number][] };

/** A timing mark for the capture benchmark; recorded by the e2e build only, compiled out of production. */
export function mark(name: string): void {
  if (import.meta.env.GLIMPSE_E2E) ((globalThis as Marks).__glimpseMarks ??= []).push([name, performance.now()]);
}
