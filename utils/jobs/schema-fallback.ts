import { t } from '../i18n';
import type { ProviderError } from '../providers/errors';
import type { ResponseSchema } from '../providers/types';
import { responseSchemaFor, type SchemaName } from '../answers/structured';
import type { Profile } from '../settings/items';
import { asksForSchema, rememberRefusal, type SchemaRefusal } from '../settings/structured-output';

/** Servers whose support for response_format varies; on these a plain-text answer means the schema was ignored. */
const MAY_IGNORE = new Set(['openai-compatible', 'gemini']);

/**
 * Structured output for one answer: asks for the preset's json_schema unless the profile says not to, and
 * falls back to JSON-in-text once when the server refuses it (a 400 before any text) or ignores it (the answer
 * is not a JSON object). The fallback is remembered for the profile, and the entry says so.
 */
export class SchemaAsk {
  private why: SchemaRefusal['why'] | undefined;

  private constructor(
    private readonly profile: Profile,
    /** What the next request asks for; undefined once the server has shown it will not honour it. */
    public schema: ResponseSchema | undefined,
  ) {}

  static async start(profile: Profile, name: SchemaName | undefined): Promise<SchemaAsk> {
    return new SchemaAsk(profile, name && (await asksForSchema(profile)) ? responseSchemaFor(name) : undefined);
  }

  /** A 400 while the schema was asked for and nothing arrived: retry once without it. */
  refused(e: ProviderError, text: string): boolean {
    if (e.kind !== 'bad-request' || !this.schema || text) return false;
    this.schema = undefined;
    this.why = 'refused';
    return true;
  }

  /** The notice the entry carries once the fallback happened. */
  get note(): string | undefined {
    return this.why && t(this.why === 'refused' ? 'schemaRefusedNote' : 'schemaIgnoredNote');
  }

  /**
   * After an answer arrived: checks it was honoured, and remembers a fallback that worked (a refusal is kept
   * only once the retry without the schema succeeded, so a 400 for another reason teaches nothing).
   */
  async settle(text: string): Promise<void> {
    if (this.schema && MAY_IGNORE.has(this.profile.provider) && !text.trimStart().startsWith('{')) {
      this.schema = undefined;
      this.why = 'ignored';
    }
    if (this.why) await rememberRefusal(this.profile, this.why).catch(() => undefined);
  }
}
