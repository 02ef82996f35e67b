import { useEffect, useState } from 'react';
import { t } from '../../utils/i18n';
import { HEADER_PROVIDERS, parseExtraHeaders } from '../../utils/settings/extra-headers';
import type { Profile } from '../../utils/settings/items';
import { forgetRefusal, refusalFor, schemaRefusalsItem, type SchemaRefusal } from '../../utils/settings/structured-output';

/** Where a Save is refused, and why: the field then carries the error, and focus goes to it. */
export function headersError(form: Profile): string | undefined {
  if (!HEADER_PROVIDERS.includes(form.provider)) return undefined;
  const r = parseExtraHeaders(form.extraHeaders);
  return r.ok ? undefined : r.error;
}

/** Gateway settings of a profile: extra headers (OpenAI-compatible, Ollama) and structured output (OpenAI-compatible). */
export function GatewayFields({ form, set }: { form: Profile; set: (patch: Partial<Profile>) => void }) {
  const [refusals, setRefusals] = useState<Record<string, SchemaRefusal>>({});
  useEffect(() => {
    void schemaRefusalsItem.getValue().then(setRefusals);
    return schemaRefusalsItem.watch(setRefusals);
  }, []);
  if (!HEADER_PROVIDERS.includes(form.provider)) return null;
  const error = headersError(form);
  const refusal = refusalFor(form, refusals);
  return (
    <>
      <label htmlFor="extra-headers">{t('extraHeaders')}</label>
      <textarea id="extra-headers" rows={3} spellCheck={false} autoComplete="off" value={form.extraHeaders ?? ''}
        placeholder="X-Title: Glimpse" aria-invalid={!!error} aria-describedby={error ? 'extra-headers-error extra-headers-hint' : 'extra-headers-hint'}
        onChange={(e) => set({ extraHeaders: e.target.value })} />
      {error && <p id="extra-headers-error" className="error">{error}</p>}
      <p id="extra-headers-hint" className="hint">{t('extraHeadersHint')}</p>
      {form.provider === 'openai-compatible' && (
        <>
          <label className="check">
            <input type="checkbox" checked={form.structuredOutput !== false} aria-describedby="structured-hint"
              onChange={(e) => set({ structuredOutput: e.target.checked })} /> {t('structuredOutput')}
          </label>
          <p id="structured-hint" className="hint">
            {refusal ? t(refusal.why === 'refused' ? 'structuredRefused' : 'structuredIgnored', new Date(refusal.at).toLocaleDateString()) : t('structuredHint')}
            {refusal && <> <button type="button" onClick={() => void forgetRefusal(form.id)}>{t('structuredAskAgain')}</button></>}
          </p>
        </>
      )}
    </>
  );
}
