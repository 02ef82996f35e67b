import { tOr } from '../utils/i18n';
import { disclaimerKeyOf, titleKeyOf, type Preset } from '../utils/settings/presets';

/** A preset's title in the UI language: the built-ins are translated, a title the user wrote is shown as written. */
export const presetTitle = (p: Pick<Preset, 'id' | 'title' | 'titleKey'>): string => tOr(titleKeyOf(p), p.title);

/** A preset's disclaimer in the UI language, or '' when it has none. */
export const presetDisclaimer = (p: Pick<Preset, 'id' | 'disclaimer' | 'disclaimerKey'>): string =>
  p.disclaimer ? tOr(disclaimerKeyOf(p), p.disclaimer) : '';
