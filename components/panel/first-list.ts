/** Resolves once the history list has shown its first rows (or its empty state): the panel's first screen is up. */
let shown!: () => void;
export const firstListShown = new Promise<void>((r) => (shown = r));
export const markFirstListShown = (): void => shown();
