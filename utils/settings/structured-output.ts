import { storage } from 'wxt/utils/storage';
import type { Profile } from './items';

/** A server that would not honour `response_format: json_schema` for a profile: a 400, or an answer that ignored it. */
export interface SchemaRefusal {
  why: 'refused' | 'ignored';
  /** What it was learned on: another model or server is asked again. */
  model: string;
  baseUrl: string;
  at: number;
}

/**
 * Learned per profile id, kept apart from the profiles themselves so the worker writing it never races a
 * Save in the options page (which would otherwise put back the profile as it was when the form opened).
 */
export const schemaRefusalsItem = storage.defineItem<Record<string, SchemaRefusal>>('local:schemaRefusals', { fallback: {} });

export function refusalFor(profile: Profile, all: Record<string, SchemaRefusal>): SchemaRefusal | undefined {
  const r = all[profile.id];
  return r && r.model === profile.model && r.baseUrl === profile.baseUrl ? r : undefined;
}

/** Ask for json_schema unless the user turned it off or this server has refused it for this model. */
export async function asksForSchema(profile: Profile): Promise<boolean> {
  return profile.structuredOutput !== false && !refusalFor(profile, await schemaRefusalsItem.getValue());
}

export async function rememberRefusal(profile: Profile, why: SchemaRefusal['why']): Promise<void> {
  const all = await schemaRefusalsItem.getValue();
  await schemaRefusalsItem.setValue({ ...all, [profile.id]: { why, model: profile.model, baseUrl: profile.baseUrl, at: Date.now() } });
}

export async function forgetRefusal(profileId: string): Promise<void> {
  const { [profileId]: _gone, ...rest } = await schemaRefusalsItem.getValue();
  await schemaRefusalsItem.setValue(rest);
}
