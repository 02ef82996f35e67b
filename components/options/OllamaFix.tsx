import { useEffect, useState } from 'react';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { isOllamaOriginFixOn, ollamaOriginFixItem } from '../../utils/worker/ollama-origin';

/** The one-click fix for Ollama's 403, scoped to this server's host and port only. */
export function OllamaFix({ baseUrl, onError }: { baseUrl: string; onError: (m: string) => void }) {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const check = () => void isOllamaOriginFixOn(baseUrl).then(setOn, () => setOn(false));
    check();
    return ollamaOriginFixItem.watch(check);
  }, [baseUrl]);
  return (
    <label className="check">
      <input type="checkbox" checked={on}
        onChange={(e) => void sendMessage('fixOllamaOrigin', { baseUrl, enable: e.target.checked }).then(setOn, (err: unknown) => onError(String(err)))} />
      {t('ollamaFixLabel')}
    </label>
  );
}
