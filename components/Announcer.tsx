import { useAnnouncer } from './useAnnouncer';

/** The polite live region. Its own component, so its query re-running on every streamed token re-renders only this. */
export function Announcer() {
  const announcement = useAnnouncer();
  return <div className="sr-only" role="status" aria-live="polite" data-testid="announcer">{announcement}</div>;
}
