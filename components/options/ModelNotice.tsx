import { t } from '../../utils/i18n';
import { modelStatus } from '../../utils/settings/retired-models';

/**
 * Under the Model field: the model has been retired (or has a date), what replaces it, and the two ways on:
 * take the successor, or load the server's own list of models to choose from.
 */
export function ModelNotice({ model, busy, onUse, onList }: { model: string; busy: boolean; onUse: (model: string) => void; onList: () => void }) {
  const status = modelStatus(model);
  if (!status) return null;
  const text = status.retired
    ? t('modelRetired', status.model, status.retires, status.replacement)
    : t('modelRetiring', status.model, status.retires, status.replacement);
  return (
    <div className={status.retired ? 'warning' : 'hint'} data-testid="model-retired">
      <p id="model-notice">{text}</p>
      <div className="row">
        <button type="button" onClick={() => onUse(status.replacement)}>{t('modelUseReplacement', status.replacement)}</button>
        <button type="button" disabled={busy} onClick={onList}>{t('modelShowList')}</button>
      </div>
    </div>
  );
}
