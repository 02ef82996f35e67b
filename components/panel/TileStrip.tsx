import { useEffect, useState } from 'react';
import type { Tile } from '../../utils/image/layout';
import { t } from '../../utils/i18n';

/** The tiles a large scan was sent as, small and in order, so the user sees what the model saw. */
export function TileStrip({ tiles }: { tiles: Tile[] }) {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = tiles.map((tile) => URL.createObjectURL(new Blob([tile.bytes as BlobPart], { type: tile.mime })));
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [tiles]);
  return (
    <ol className="tiles" aria-label={t('tilesLabel', tiles.length)} data-testid="tiles">
      {urls.map((u, i) => (
        <li key={u}>
          <img src={u} alt={t('tileAlt', i + 1, tiles.length, tiles[i]!.width, tiles[i]!.height)} />
        </li>
      ))}
    </ol>
  );
}
