import { BUILTIN_PRESETS, menuIdFor, titleKeyOf, type Preset } from '../settings/presets';

type Context = 'image' | 'page' | 'all' | 'frame' | 'video' | 'link' | 'selection';

export interface MenuItem {
  id: string;
  /** i18n message name; presets the user wrote carry their own title instead. */
  titleKey: string;
  title?: string;
  contexts: [Context, ...Context[]];
}

/** The context menu for a preset list: each enabled preset, then Ask and Region. Ids are part of the e2e contract. */
export function menuItemsFor(presets: Preset[]): MenuItem[] {
  return [
    ...presets
      .filter((p) => p.enabled !== false)
      .map((p) => ({
        id: menuIdFor(p),
        titleKey: titleKeyOf(p) ?? '',
        title: p.title,
        contexts: ['image', 'video', 'page'] as [Context, ...Context[]],
      })),
    { id: 'ask', titleKey: 'menuAsk', contexts: ['image', 'video', 'page'] },
    { id: 'region', titleKey: 'menuRegion', contexts: ['all'] },
    { id: 'visible-tab', titleKey: 'menuVisibleTab', contexts: ['all'] },
    { id: 'label-page', titleKey: 'menuLabelPage', contexts: ['page'] },
    { id: 'full-page', titleKey: 'menuFullPage', contexts: ['all'] },
  ];
}

export const MENU_ITEMS: MenuItem[] = menuItemsFor(BUILTIN_PRESETS);
