// Vitest 5's reporter calls Map.groupBy (Node 21+); this machine runs Node 20.
if (!(Map as any).groupBy) {
  (Map as any).groupBy = <K, V>(items: Iterable<V>, key: (v: V, i: number) => K) => {
    const m = new Map<K, V[]>();
    let i = 0;
    for (const v of items) {
      const k = key(v, i++);
      m.set(k, [...(m.get(k) ?? []), v]);
    }
    return m;
  };
}
(Object as any).groupBy ??= (items: Iterable<any>, key: (v: any, i: number) => PropertyKey) =>
  Object.fromEntries((Map as any).groupBy(items, key));
