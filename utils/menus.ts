import { BUILTIN_PRESETS } from './presets';

type Context = 'image' | 'page' | 'all' | 'frame' | 'video' | 'link' | 'selection';

export interface MenuItem {
  id: string;
  /** i18n message name. */
  titleKey: string;
  contexts: [Context, ...Context[]];
}

/** Every context-menu item; ids are part of the e2e contract. */
export const MENU_ITEMS: MenuItem[] = [
  ...BUILTIN_PRESETS.map((p) => ({
    id: p.id,
    titleKey: p.titleKey ?? p.id,
    contexts: ['image', 'page'] as [Context, ...Context[]],
  })),
  { id: 'ask', titleKey: 'menuAsk', contexts: ['image', 'page'] },
  { id: 'region', titleKey: 'menuRegion', contexts: ['all'] },
];
