import { CircleAlert, RotateCw, X } from 'lucide-react';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { reloadKeepingWork } from './reloadKeepingWork';

export interface PanelErrorBoundaryProps {
  /** What the area is called in the message ("inspector", "live view", "canvas"). */
  area: string;
  /** Extra classes for the fallback, so it takes the place (grid area) of what it replaces. */
  className?: string;
  /** Undo what may have caused the error before drawing again (e.g. clear the selection). */
  onDismiss?: () => void;
  children: ReactNode;
}

/** A production build's React errors are codes; name the code and where it is explained. */
function readableError(error: Error): string {
  const code = /Minified React error #(\d+)/.exec(error.message)?.[1];
  return code ? `React error #${code} (explained at https://react.dev/errors/${code})` : error.message;
}

interface State {
  error: Error | null;
}

/**
 * Keeps a render error in one area of the app from blanking the whole page: the area shows
 * what went wrong with Reload (the unsaved document goes to the recovery copy first) and
 * Dismiss (draw the area again, after `onDismiss`). The document itself lives in a store
 * outside React, so neither loses it.
 */
export class PanelErrorBoundary extends Component<PanelErrorBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`The ${this.props.area} failed to draw:`, error, info.componentStack);
  }

  private readonly dismiss = (): void => {
    this.props.onDismiss?.();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { area, className } = this.props;
    return (
      <div className={`ef-crash${className ? ` ${className}` : ''}`} role="alert" aria-label={`The ${area} stopped`} data-testid="panel-error">
        <CircleAlert size={20} aria-hidden className="ef-crash__icon" />
        <div className="ef-crash__title">The {area} hit an error and stopped drawing</div>
        <p className="ef-crash__message">{readableError(error)}</p>
        <p className="ef-crash__hint">Your flow is safe: Reload keeps unsaved changes in the recovery copy and offers them back.</p>
        <div className="ef-button-row">
          <button type="button" className="ef-button ef-button--primary" onClick={() => void reloadKeepingWork()}>
            <RotateCw size={14} aria-hidden /> Reload
          </button>
          <button type="button" className="ef-button" onClick={this.dismiss}>
            <X size={14} aria-hidden /> Dismiss
          </button>
        </div>
      </div>
    );
  }
}
