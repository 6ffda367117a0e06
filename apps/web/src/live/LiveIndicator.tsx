import { useLanguage } from '../i18n/i18n';
import type { LiveState } from './live-connection';

/** A dot and a word: the figures move by themselves (live), or the stream is being sought (connecting, reconnecting). */
export function LiveIndicator(props: { state: LiveState }) {
  const { t } = useLanguage();
  return (
    <span
      className={`live live-${props.state}`}
      data-testid="live-state"
      data-state={props.state}
      role="status"
    >
      <span className="live-dot" aria-hidden="true" />
      {t(`app.${props.state}`)}
    </span>
  );
}
