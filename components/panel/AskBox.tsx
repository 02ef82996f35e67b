import { forwardRef, useState, type KeyboardEvent } from 'react';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';

/** Enter sends, Shift+Enter adds a line. Nothing is sent before the user asks. */
export const AskBox = forwardRef<HTMLTextAreaElement, { threadId: string; onError: (m: string) => void }>(
  function AskBox({ threadId, onError }, ref) {
    const [text, setText] = useState('');
    const [sending, setSending] = useState(false);
    const send = async () => {
      const question = text.trim();
      if (!question || sending) return;
      setSending(true);
      try {
        await sendMessage('ask', { threadId, question });
        setText('');
      } catch (e) {
        onError(e instanceof Error ? e.message : String(e));
      } finally {
        setSending(false);
      }
    };
    const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
        e.preventDefault();
        void send();
      }
    };
    return (
      <form className="ask" onSubmit={(e) => (e.preventDefault(), void send())}>
        <label htmlFor={`ask-${threadId}`}>{t('askLabel')}</label>
        <textarea
          id={`ask-${threadId}`}
          ref={ref}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
          aria-describedby={`ask-hint-${threadId}`}
        />
        <p id={`ask-hint-${threadId}`} className="hint">{t('askHint')}</p>
        <button type="submit" disabled={!text.trim() || sending}>{t('askButton')}</button>
      </form>
    );
  },
);
