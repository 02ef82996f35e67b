import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../../utils/i18n';

interface Props {
  children: ReactNode;
}

/**
 * A part of a page that fails to draw (a history row or answer from a damaged import, say) shows why in its
 * place; the rest of the page keeps working. React catches render errors only in a class component.
 */
export class ErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Glimpse could not draw part of the page', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error" data-testid="render-error">
        <p>{t('renderFailed', error.message)}</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>{t('renderRetry')}</button>
      </div>
    );
  }
}
